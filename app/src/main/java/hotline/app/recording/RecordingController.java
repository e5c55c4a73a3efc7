package hotline.app.recording;

import hotline.app.account.CurrentActor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Search and playback of call recordings. */
@RestController
@Validated
@RequestMapping("/api/recordings")
class RecordingController {

    private final RecordingStore store;
    private final CurrentActor currentActor;

    RecordingController(RecordingStore store, CurrentActor currentActor) {
        this.store = store;
        this.currentActor = currentActor;
    }

    @GetMapping
    List<Recording> search(@RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to,
                           @RequestParam(required = false) @Size(max = 64) String agent,
                           @RequestParam(required = false) UUID contactId,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return store.search(from, to, agent, contactId, currentActor.get(), limit);
    }

    @GetMapping("/{id}/info")
    Recording info(@PathVariable UUID id) {
        return store.get(id, currentActor.get());
    }

    /** The audio, after its checksum was verified. */
    @GetMapping("/{id}")
    ResponseEntity<Resource> play(@PathVariable UUID id) {
        FileSystemResource file = new FileSystemResource(store.openVerified(id, currentActor.get()));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(RecordingStore.WAV))
                .header("Content-Disposition", "inline; filename=\"" + id + ".wav\"")
                .body(file);
    }
}
