package br.com.rhp.hospital.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The name of this node, from {@code NODE_ID} or, by default, the host name. */
@Component
public class NodeIdentity {

    private static final int MAX_LENGTH = 64;

    private final String id;

    public NodeIdentity(@Value("${NODE_ID:}") String configured) {
        String raw = configured == null || configured.isBlank() ? hostName() : configured.strip();
        // the node id goes into file names: keep it to a portable character set
        String safe = raw.replaceAll("[^A-Za-z0-9._-]", "_");
        this.id = safe.length() > MAX_LENGTH ? safe.substring(0, MAX_LENGTH) : safe;
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("COMPUTERNAME");
            return env != null ? env : "node";
        }
    }
}
