package io.openjims.query.view.service;

import io.openjims.query.view.kafka.CheckpointedConsumer.Rejections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Applies identity.directory records inside the view consumer's transaction; the directory feature implements it. */
public interface DirectoryRecordHandler {

    /**
     * Applies the records in order, putting those it cannot apply in {@code rejections}; returns the number of role
     * changes appended to the change log.
     */
    int apply(Connection c, List<ConsumerRecord<String, byte[]>> records, Rejections rejections) throws SQLException;

    /** The keys of the directory objects stored now (a rebuild removes those the topic no longer has). */
    Set<String> storedKeys(Connection c) throws SQLException;
}
