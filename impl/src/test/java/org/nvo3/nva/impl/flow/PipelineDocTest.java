/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.flow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Keeps the table section of docs/pipeline.md equal to {@link PipelineTable}. Run with
 * {@code -Dnva.regenerate-docs=true} to rewrite the section from the code.
 */
public class PipelineDocTest {
    private static final String BEGIN = "<!-- BEGIN pipeline table: generated from PipelineTable, "
        + "checked by PipelineDocTest -->\n";
    private static final String END = "<!-- END pipeline table -->\n";

    @Test
    public void docsDescribeThePipelineAsDeclared() throws IOException {
        final var doc = findDoc();
        final var text = Files.readString(doc, StandardCharsets.UTF_8);
        final int begin = text.indexOf(BEGIN);
        final int end = text.indexOf(END);
        assertTrue(doc + " has the generated-section markers", begin >= 0 && end > begin);
        final var expected = render();
        if (Boolean.getBoolean("nva.regenerate-docs")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end),
                StandardCharsets.UTF_8);
            return;
        }
        assertEquals("docs/pipeline.md is out of date; run this test with -Dnva.regenerate-docs=true", expected,
            text.substring(begin + BEGIN.length(), end));
    }

    private static String render() {
        final var sb = new StringBuilder()
            .append("| id | table | purpose | may match | must match | may go to | on a miss |\n")
            .append("|---:|---|---|---|---|---|---|\n");
        for (var table : PipelineTable.values()) {
            sb.append("| ").append(table.id())
                .append(" | `").append(table.name())
                .append("` | ").append(table.purpose())
                .append(" | ").append(table.allowedMatches().stream().map(field -> "`" + field.ovsName() + "`"
                    + (table.maskedMatches().contains(field) ? " (or a prefix)" : ""))
                    .collect(Collectors.joining(", ")))
                .append(" | ").append(table.requiredMatches().isEmpty() ? "—" : table.requiredMatches().stream()
                    .map(field -> "`" + field.ovsName() + "`").collect(Collectors.joining(", ")))
                .append(" | ").append(table.nextTables().isEmpty() ? "—" : table.nextTables().stream()
                    .map(next -> Integer.toString(next.id())).collect(Collectors.joining(", ")))
                .append(" | ").append(missText(table))
                .append(" |\n");
        }
        return sb.toString();
    }

    private static String missText(final PipelineTable table) {
        return switch (table.miss()) {
            case DROP -> "drop";
            case CONTROLLER -> "to the NVA (packet-in)";
            case GOTO_NEXT -> "continue at " + table.nextTables().getFirst().id();
            case UNKNOWN_DESTINATION -> "`unknown-destination`: `pull` → to the NVA, `drop` → drop";
        };
    }

    private static Path findDoc() {
        var dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            final var candidate = dir.resolve("docs").resolve("pipeline.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("docs/pipeline.md not found above " + System.getProperty("user.dir"));
    }
}
