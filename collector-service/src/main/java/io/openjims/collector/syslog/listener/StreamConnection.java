package io.openjims.collector.syslog.listener;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.syslog.service.SenderScope;
import io.openjims.collector.syslog.service.SyslogProcessor;
import io.openjims.model.IdentityEvent;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import java.util.List;

/**
 * Flow control shared by the stream transports (TCP/TLS syslog and RELP): every event handed to Kafka counts against
 * the connection's window and the global {@link PublishGate} until Kafka acknowledged it. A subclass pauses once
 * {@link #windowFull()}; reading resumes when half the connection's window is acknowledged and all connections together
 * are below half the global limit, so a sender is held back by TCP flow control and nothing is dropped.
 */
abstract sealed class StreamConnection permits SyslogConnection, RelpConnection {

    final NetSocket socket;
    final String sender;
    final SenderScope scope;
    final SyslogProcessor processor;
    private final Context context;
    private final EventPublisher kafka;
    private final EventPublisher.Acks acks;
    private final PublishGate gate;
    private final int maxInFlight;
    private int inFlight;
    private boolean paused;
    private boolean waitingForGate;

    StreamConnection(StreamSetup setup) {
        this.socket = setup.socket();
        this.sender = setup.sender();
        this.scope = setup.scope();
        this.processor = setup.processor();
        this.context = setup.context();
        this.kafka = setup.kafka();
        this.acks = setup.acks();
        this.gate = setup.gate();
        this.maxInFlight = Math.max(1, setup.maxInFlight());
    }

    /** Counts one accepted event against the connection's window and the global limit. */
    final void admitted() {
        inFlight++;
        gate.acquire(1);
    }

    final boolean windowFull() {
        return inFlight >= maxInFlight || gate.saturated();
    }

    /**
     * Hands events to Kafka; once all are acknowledged, {@code onAcked} runs on the connection's context and their room
     * in the window is given back.
     */
    final void publish(List<IdentityEvent> events, Runnable onAcked) {
        int size = events.size();
        kafka.publishUntilAcked(
                events,
                acks,
                () -> context.runOnContext(ignored -> {
                    onAcked.run();
                    inFlight -= size;
                    gate.release(size);
                    maybeResume();
                }));
    }

    final void pause() {
        if (!paused) {
            paused = true;
            socket.pause();
        }
    }

    final boolean paused() {
        return paused;
    }

    /** The window has room again: resumes reading. A subclass may first hand on what it kept while paused. */
    void resumed() {
        socket.resume();
    }

    private void maybeResume() {
        if (!paused || inFlight > maxInFlight / 2) {
            return;
        }
        if (gate.saturated()) {
            waitForGate();
            return;
        }
        paused = false;
        resumed();
    }

    private void waitForGate() {
        if (waitingForGate) {
            return;
        }
        waitingForGate = true;
        gate.whenOpen(() -> context.runOnContext(ignored -> {
            waitingForGate = false;
            maybeResume();
        }));
    }
}
