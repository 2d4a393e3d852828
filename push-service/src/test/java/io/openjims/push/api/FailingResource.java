package io.openjims.push.api;

import io.openjims.devinfra.ErrorContract;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test only: a call that fails unexpectedly, to prove the catch-all 500 answer. */
@Path("/api/test-only/failure")
public class FailingResource {

    @GET
    @PermitAll
    public String fail() {
        throw new IllegalStateException(ErrorContract.INTERNAL_DETAIL);
    }
}
