package io.openjims.collector.directory.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DirectoryStatusRepository implements PanacheRepositoryBase<DirectoryStatusEntity, UUID> {}
