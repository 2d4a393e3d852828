package io.openjims.push.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.push.tenant.service.TenantKind;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerControlTest {

    /** A CSO tenant of domain a.test. */
    static TenantSettings settings(long configVersion, long generation) {
        return new TenantSettings(
                UUID.nameUUIDFromBytes(new byte[] {1}),
                "t1",
                TenantKind.CSO,
                URI.create("https://tenant.test/push"),
                Set.of("a.test"),
                null,
                null,
                null,
                "u",
                "p",
                configVersion,
                generation);
    }

    @Test
    void aResyncOfAnotherGenerationOrAStopInterruptsTheWork() {
        WorkerControl control = new WorkerControl(settings(1, 0));
        control.checkInterrupts(0);
        control.update(settings(1, 1));
        assertThatThrownBy(() -> control.checkInterrupts(0)).isInstanceOf(WorkerControl.ResyncRequested.class);
        control.stop();
        assertThat(control.running()).isFalse();
        assertThatThrownBy(() -> control.checkInterrupts(1)).isInstanceOf(WorkerControl.Stop.class);
    }

    @Test
    void aWaitEndsEarlyWhenTheSettingsChangeAndOtherwiseRunsOut() throws Exception {
        WorkerControl control = new WorkerControl(settings(1, 0));
        assertThat(control.await(Duration.ofMillis(10), 1)).isFalse();

        CompletableFuture<Boolean> waiting =
                CompletableFuture.supplyAsync(() -> control.await(Duration.ofMinutes(5), 1));
        control.update(settings(2, 0));
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWriteThatChangedNothingEndsTheWorker() {
        WorkerControl.requireOwned(true, "kept");
        assertThatThrownBy(() -> WorkerControl.requireOwned(false, "lost"))
                .isInstanceOf(WorkerControl.Stop.class)
                .hasMessage("lost");
    }
}
