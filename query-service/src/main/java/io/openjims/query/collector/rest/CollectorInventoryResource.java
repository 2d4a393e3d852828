package io.openjims.query.collector.rest;

import io.openjims.query.collector.service.CollectorInventory;
import io.openjims.query.collector.service.CollectorView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The collector inventory (role admin). */
@Path("/api/admin/collectors")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Query admin")
public class CollectorInventoryResource {

    private final CollectorInventory inventory;

    public CollectorInventoryResource(CollectorInventory inventory) {
        this.inventory = inventory;
    }

    @GET
    @Operation(
            summary = "Every collector's last heartbeat",
            description = "id, version, state (running, degraded, stopped), description, last_update, and stale when"
                    + " no heartbeat came for three of the collector's heartbeat intervals")
    public List<CollectorView> list() {
        return inventory.list();
    }
}
