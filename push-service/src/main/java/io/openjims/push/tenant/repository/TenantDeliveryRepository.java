package io.openjims.push.tenant.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class TenantDeliveryRepository implements PanacheRepositoryBase<TenantDeliveryEntity, UUID> {}
