/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.it;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the end-to-end scenarios of {@code mininet-topos/nva_fabric/scenarios} against the distribution this
 * build made: its tarball unpacked into target/e2e/karaf, started on free ports (so it never meets the Pax Exam
 * container on 8181/6653), with real Open vSwitch NVEs in network namespaces: the southbound scenarios and the
 * VM mobility ones (VMs in namespaces, moves under a 100 pps stream, redirects, spoofs, a Karaf restart under
 * traffic, a Karaf restart after a move (the learned location restored, 0 flow-mods), an IPv6 underlay). The
 * runner's output goes to the build log line by line; a failed scenario fails this test with the runner's
 * summary, which lists per scenario the packets sent and lost during a move and the migration's convergence
 * time.
 *
 * <p>Needs root, openvswitch-switch, socat and iproute2 ({@code .ci/run} installs them). Where they are
 * missing the test fails and says so; {@code -Dnva.e2e.skip=true} skips it explicitly. Optional:
 * {@code -Dnva.e2e.scenarios=a,b} runs only those scenarios ({@code all}: every one, also the slow ones),
 * {@code -Dnva.e2e.prefix=p} names the namespaces {@code p1, p2, ...} (the VM fabric's {@code p-nve1, p-ul,
 * p-b1, ...}), {@code -Dnva.e2e.python=...} picks the interpreter.
 */
public class FabricScenariosTest {
    private static final Logger LOG = LoggerFactory.getLogger(FabricScenariosTest.class);
    private static final int CANNOT_RUN = 2;
    private static final Duration LIMIT = Duration.ofMinutes(15);
    private static final Duration TEARDOWN = Duration.ofMinutes(2);
    private static final String SKIP_HINT = " (-Dnva.e2e.skip=true skips the end-to-end scenarios)";
    private static final String SUMMARY_RULE = "=".repeat(100);

    @Test
    public void scenariosPassAgainstTheBuiltDistribution() throws IOException, InterruptedException {
        assumeFalse("end-to-end scenarios skipped by -Dnva.e2e.skip=true", Boolean.getBoolean("nva.e2e.skip"));
        final var archive = System.getProperty("nva.karaf.archive", "");
        assertTrue("nva.karaf.archive names the distribution tarball (it/pom.xml sets it): '" + archive + "'",
            !archive.isEmpty() && !archive.startsWith("${"));
        final var distribution = Path.of(archive);
        assertTrue("the built distribution " + distribution + " exists", Files.isRegularFile(distribution));

        final var command = new ArrayList<>(List.of(System.getProperty("nva.e2e.python", "python3"), "-m",
            "nva_fabric.scenarios", "--karaf", distribution.toString(),
            "--work", Path.of("target", "e2e", "karaf").toAbsolutePath().toString()));
        final var prefix = System.getProperty("nva.e2e.prefix", "");
        if (!prefix.isBlank()) {
            command.addAll(List.of("--prefix", prefix));
        }
        Arrays.stream(System.getProperty("nva.e2e.scenarios", "").split(","))
            .map(String::strip).filter(name -> !name.isEmpty())
            .map(name -> "all".equals(name) ? "--all" : name)
            .forEach(command::add);

        final Process runner;
        try {
            runner = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("nva.e2e.topos")).toFile())
                .redirectErrorStream(true)
                .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage() + SKIP_HINT, e);
        }
        LOG.info("Running {}", String.join(" ", command));
        final var output = CompletableFuture.supplyAsync(() -> echo(runner));
        if (!runner.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            // SIGTERM: the runner tears down its NVEs and Karaf, then exits
            runner.destroy();
            if (!runner.waitFor(TEARDOWN.toSeconds(), TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
            fail("the scenarios did not finish within " + LIMIT + ":\n" + tail(output.join(), 40));
        }
        final var lines = output.join();
        final int exit = runner.exitValue();
        if (exit == CANNOT_RUN) {
            fail("the end-to-end scenarios cannot run here: " + tail(lines, 5) + SKIP_HINT);
        }
        if (exit != 0) {
            fail("end-to-end scenarios failed (exit " + exit + "):\n" + summary(lines));
        }
    }

    /**
     * Copies the runner's output to the build log as it comes and returns it.
     */
    private static List<String> echo(final Process runner) {
        final var lines = new ArrayList<String>();
        try (var reader = runner.inputReader(StandardCharsets.UTF_8)) {
            for (var line = reader.readLine(); line != null; line = reader.readLine()) {
                LOG.info("{}", line);
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * The runner's summary table (between its two rules of '='), or the end of its output if it has none.
     */
    private static String summary(final List<String> lines) {
        final int start = lines.indexOf(SUMMARY_RULE);
        return start < 0 ? tail(lines, 40) : String.join("\n", lines.subList(start, lines.size()));
    }

    private static String tail(final List<String> lines, final int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
