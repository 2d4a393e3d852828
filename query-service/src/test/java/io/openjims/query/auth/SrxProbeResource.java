package io.openjims.query.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Test-only endpoint guarded like the SRX query API, to prove that issued tokens work with @RolesAllowed("srx"). */
@Path("/api/test-only/srx-probe")
public class SrxProbeResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed("srx")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoAmI() {
        return Map.of("client_id", jwt.getSubject(), "roles", new TreeSet<>(jwt.getGroups()));
    }
}
