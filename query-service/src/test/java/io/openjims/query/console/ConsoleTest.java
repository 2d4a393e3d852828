package io.openjims.query.console;

import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.query.console.rest.ConsoleRoutes;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The console's static files with their security headers, and the same-origin proxy over real HTTP. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = EchoBackend.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsoleTest {

    @Test
    void thePageAndItsScriptAreServedWithAStrictContentSecurityPolicy() {
        String csp = ConsoleRoutes.CSP;
        given().redirects()
                .follow(false)
                .get("/console")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/console/"));
        given().get("/console/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(csp))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .body(containsString("<label for=\"client-id\">Client ID</label>"))
                .body(containsString("<label for=\"client-secret\">Client secret</label>"))
                .body(containsString("<script src=\"console.js\" defer></script>"))
                // No inline script or style: the policy would refuse it.
                .body(not(containsString("<script>")))
                .body(not(containsString("style=")))
                .body(not(containsString("onclick=")));
        given().get("/console/console.js")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", equalTo(csp))
                .body(containsString("sessionStorage"));
        given().get("/console/console.css").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(csp)
                .contains("script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void theProxyForwardsMethodPathQueryTokenAndBodyAndNothingElse() {
        String admin = token("console-admin", "admin");
        given().auth()
                .oauth2(admin)
                .get("/console/api/collector/api/admin/directories?full=true")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CSP))
                .body("method", equalTo("GET"))
                .body("path", equalTo("/api/admin/directories"))
                .body("query", equalTo("full=true"))
                .body("authorization", equalTo("Bearer " + admin));
        given().auth()
                .oauth2(admin)
                .cookie("session", "must-not-pass")
                .contentType("application/json")
                .body("{\"name\":\"corp\"}")
                .post("/console/api/collector/api/admin/created")
                .then()
                .statusCode(201)
                .header("Location", "/api/admin/echo/1")
                .body("method", equalTo("POST"))
                .body("content_type", equalTo("application/json"))
                .body("cookie", equalTo("null"))
                .body("body", equalTo("{\"name\":\"corp\"}"));
        // Only admin APIs are reachable, and an unset backend says which setting is missing.
        given().get("/console/api/collector/q/metrics").then().statusCode(404).body("error", equalTo("not_found"));
        given().get("/console/api/elsewhere/api/admin/x").then().statusCode(404);
        given().get("/console/api/push/api/admin/tenants")
                .then()
                .statusCode(503)
                .body("error", equalTo("console_backend_not_configured"))
                .body("message", containsString("OPENJIMS_QUERY_CONSOLE_PUSH_URL"));
    }
}
