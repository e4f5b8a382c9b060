/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots the built distribution (the same tarball a newcomer unpacks) and checks the feature, the
 * bundles and the RESTCONF contract.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NvaDistributionTest {
    @Inject
    private BundleContext bundleContext;

    @Inject
    private FeaturesService featuresService;

    @Configuration
    public Option[] config() {
        final var repo = System.getProperty("maven.repo.local",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(maven().groupId("org.nvo3.nva").artifactId("nva-karaf").type("tar.gz")
                    .version(System.getProperty("nva.version")))
                .unpackDirectory(Path.of("target", "exam").toFile())
                .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            vmOptions("-Dio.netty.noUnsafe=false", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
            systemProperty("nva.fabric.json").value(System.getProperty("nva.fabric.json")),
        };
    }

    @Test
    public void odlNvaFeatureIsInstalled() throws Exception {
        assertTrue("odl-nva is installed", featuresService.isInstalled(featuresService.getFeature("odl-nva")));
    }

    @Test
    public void nvaBundlesAreActive() {
        final List<Bundle> nva = Arrays.stream(bundleContext.getBundles())
            .filter(bundle -> bundle.getSymbolicName().startsWith("org.nvo3.nva"))
            .toList();
        assertEquals("yang, api and impl bundles: " + nva, 3, nva.size());
        for (var bundle : nva) {
            assertEquals(bundle.getSymbolicName() + " is ACTIVE", Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void restconfRoundTrip() throws Exception {
        final var restconf = RestconfScenarios.connect();
        RestconfScenarios.putFabricAndLookUp(restconf);
    }

    @Test
    public void badInputIsRejectedOrFlagged() throws Exception {
        final var restconf = RestconfScenarios.connect();
        RestconfScenarios.rejectBadInput(restconf);
    }
}
