package br.com.rhp.hospital.shared;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The network address of the client of the current HTTP request, as the node sees it (the peer of the
 * connection, or what a trusted proxy reports when {@code server.forward-headers-strategy} is set).
 */
public final class EnderecoDoCliente {

    private EnderecoDoCliente() {}

    /** The address, or {@code null} outside a request (a scheduled job, the sample-data loader). */
    public static String atual() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest().getRemoteAddr();
        }
        return null;
    }
}
