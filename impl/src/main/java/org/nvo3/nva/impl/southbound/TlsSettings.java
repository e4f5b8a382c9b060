/*
 * Copyright (c) 2026 NVA project and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.nvo3.nva.impl.southbound;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the OpenFlow listener: one key store (PKCS12 or JKS) holding NVA's private key and
 * certificate and, when switches must present certificates, the CA certificates they are checked
 * against (as {@code ovs-vsctl set-ssl} gives each switch a key, a certificate and the CA).
 *
 * @param keyStore the key store file
 * @param password the password of the key store and of the key in it
 * @param requireSwitchCertificate whether a switch must present a certificate the key store trusts
 */
public record TlsSettings(Path keyStore, String password, boolean requireSwitchCertificate) {
    public TlsSettings {
        requireNonNull(keyStore);
        requireNonNull(password);
    }

    /**
     * Loads the key store and builds the server side TLS context.
     *
     * @return the context
     * @throws IOException if the key store cannot be read
     * @throws GeneralSecurityException if it holds no usable key
     */
    public SslContext newServerContext() throws IOException, GeneralSecurityException {
        final var secret = password.toCharArray();
        final var store = KeyStore.getInstance(keyStore.toFile(), secret);
        final var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, secret);
        final var builder = SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2");
        if (requireSwitchCertificate) {
            final var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "TlsSettings{keyStore=" + keyStore + ", requireSwitchCertificate=" + requireSwitchCertificate + "}";
    }
}
