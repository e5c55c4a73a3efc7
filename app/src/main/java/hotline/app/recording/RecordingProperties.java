package hotline.app.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/** Where call recordings are kept (default {@code ./data/recordings}); one file per recording, named by id. */
@ConfigurationProperties("hotline.recordings")
public record RecordingProperties(Path directory) {

    public RecordingProperties {
        directory = directory == null ? Path.of("data", "recordings") : directory;
    }
}
