# push-service in the Quarkus JVM layout. Build the application first (./mvnw package -DskipTests), then from the
# repository root: docker build -f deploy/docker/push-service.Dockerfile -t openjims/push-service push-service
# (docker-compose.yml does exactly that). The build context is the module directory.
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23

ENV LANGUAGE='en_US:en'

# Four layers, least changing first, as Quarkus lays out target/quarkus-app.
COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 target/quarkus-app/*.jar /deployments/
COPY --chown=185 target/quarkus-app/app/ /deployments/app/
COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/

# HTTPS only (plain HTTP only with OPENJIMS_HTTP_DEBUG=true).
EXPOSE 8445/tcp
USER 185
ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
# G1 instead of run-java.sh's default ParallelGC: the tenants' delivery state is a large live set, and ParallelGC's
# full collections stopped delivery for 0.7-1.3 s under fan-out load (docs/benchmarks.md, push-service).
ENV GC_CONTAINER_OPTIONS="-XX:+UseG1GC"

ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
