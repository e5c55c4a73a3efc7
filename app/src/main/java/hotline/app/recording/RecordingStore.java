package hotline.app.recording;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.site.SiteProperties;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Call recordings (电话自动录音存储) on local disk. A recording is written to a temporary file, forced to
 * disk, and atomically moved to {@code <id>.wav}, so a reader never sees half a file; its SHA-256 is
 * stored with the row and checked on every playback. Playback is for agents (their own calls) and the lead
 * (all calls: 录音监听); every attempt is audited, without citizen data.
 */
@Service
public class RecordingStore {

    private static final Logger log = LoggerFactory.getLogger(RecordingStore.class);
    public static final String WAV = "audio/wav";

    private final RecordingRepository recordings;
    private final RecordingProperties properties;
    private final SiteProperties site;
    private final Clock clock;
    private final Counter corrupt;

    RecordingStore(RecordingRepository recordings, RecordingProperties properties, SiteProperties site, Clock clock,
                   MeterRegistry meters) {
        this.recordings = recordings;
        this.properties = properties;
        this.site = site;
        this.clock = clock;
        this.corrupt = Counter.builder("hotline.recordings.corrupt")
                .description("playbacks refused because the file no longer matches its SHA-256").register(meters);
    }

    /** What a recorder hands over when a call ends. */
    public record NewRecording(UUID callId, UUID contactId, String agentUsername, byte[] audio, long durationMs,
                               Instant startedAt) {
    }

    @Transactional
    public Recording store(NewRecording n) {
        UUID id = UUID.randomUUID();
        Path dir = properties.directory();
        Path target = dir.resolve(id + ".wav");
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, id + "-", ".part");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(n.audio()));
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store recording " + id + " in " + dir, e);
        }
        Recording r = new Recording(id, n.callId(), n.contactId(), n.agentUsername(), target.toString(),
                sha256(n.audio()), n.audio().length, n.durationMs(), WAV, n.startedAt(), clock.instant());
        recordings.insert(r, site.id());
        log.info("recording {} stored: call={} {} bytes, {} ms", id, n.callId(), n.audio().length, n.durationMs());
        return r;
    }

    /** Recordings the actor may see: a lead all, an agent only their own calls. */
    public List<Recording> search(Instant from, Instant to, String agent, UUID contactId, Actor actor, int limit) {
        String scopedAgent = actor.role() == Role.LEAD ? agent : actor.username();
        return recordings.search(from, to, scopedAgent, contactId, limit);
    }

    public Recording get(UUID id, Actor actor) {
        Recording r = recordings.find(id).orElseThrow(() -> ApiException.notFound("recording " + id));
        requireAllowed(r, actor);
        return r;
    }

    /**
     * Checks the file against its stored SHA-256 and returns it for streaming. The playback attempt is
     * audited in its own transaction, so a refused (corrupt) playback is on record too.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = ApiException.class)
    public Path openVerified(UUID id, Actor actor) {
        Recording r = recordings.find(id).orElseThrow(() -> ApiException.notFound("recording " + id));
        try {
            requireAllowed(r, actor);
        } catch (ApiException e) {
            recordings.audit(id, actor.username(), actor.role().name(), "DENIED", clock.instant(), site.id());
            throw e;
        }
        Path file = Path.of(r.storagePath());
        String actual;
        try (InputStream in = Files.newInputStream(file)) {
            actual = sha256(in);
        } catch (IOException e) {
            actual = "missing";
        }
        if (!actual.equals(r.sha256())) {
            corrupt.increment();
            recordings.audit(id, actor.username(), actor.role().name(), "CORRUPT", clock.instant(), site.id());
            log.error("recording {} is corrupt: its file does not match the SHA-256 stored when it was written", id);
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ProblemType.CORRUPT_DATA, "recording " + id
                    + " is corrupt: its file no longer matches the checksum taken when it was recorded; "
                    + "restore it from the other site or a backup");
        }
        recordings.audit(id, actor.username(), actor.role().name(), "PLAYED", clock.instant(), site.id());
        log.info("recording {} played by {} ({})", id, actor.username(), actor.role());
        return file;
    }

    private static void requireAllowed(Recording r, Actor actor) {
        if (actor.role() != Role.LEAD && !actor.username().equals(r.agentUsername())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED,
                    "agents play only recordings of their own calls; listening in on others is for the lead");
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        try (DigestInputStream din = new DigestInputStream(in, md)) {
            din.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
