package dev.authsvc.notifier.outbox;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /dev/outbox}: the messages kept by the dev outbox, newest first. Absent unless the outbox is on. */
@RestController
@ConditionalOnBooleanProperty("notifier.dev-outbox.enabled")
class DevOutboxController {

    private final DevOutbox outbox;

    DevOutboxController(DevOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/dev/outbox")
    List<OutboxEntry> outbox() {
        return outbox.entries();
    }
}
