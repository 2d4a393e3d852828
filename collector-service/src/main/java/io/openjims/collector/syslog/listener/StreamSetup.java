package io.openjims.collector.syslog.listener;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.syslog.service.SenderScope;
import io.openjims.collector.syslog.service.SyslogProcessor;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;

/** What a TCP/TLS or RELP connection of a sender works with; made once per accepted socket by {@link SyslogServer}. */
record StreamSetup(
        NetSocket socket,
        String sender,
        SenderScope scope,
        Context context,
        SyslogProcessor processor,
        EventPublisher kafka,
        EventPublisher.Acks acks,
        PublishGate gate,
        int maxInFlight,
        int maxMessageSize) {}
