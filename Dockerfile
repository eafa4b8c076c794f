# Multi-stage build: compile with Maven on a JDK 17 image, run the fat jar on a JRE image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY core/pom.xml core/pom.xml
COPY reports/pom.xml reports/pom.xml
COPY web/pom.xml web/pom.xml
COPY cli/pom.xml cli/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN mvn -B -q -ntp dependency:go-offline || true
COPY . .
RUN mvn -B -q -ntp -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/mxray --create-home mxray
COPY --from=build /src/cli/target/mxray.jar /opt/mxray/mxray.jar
COPY --from=build /src/bin/mxray /opt/mxray/bin/mxray
# The launcher picks JVM options per command (MXRAY_JAVA_OPTS overrides them; see docs/batch.md).
ENV MXRAY_JAR=/opt/mxray/mxray.jar
USER mxray
WORKDIR /var/lib/mxray
EXPOSE 8080
ENTRYPOINT ["/opt/mxray/bin/mxray"]
CMD ["--help"]
