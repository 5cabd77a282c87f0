package br.com.rhp.hospital.web;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.SchemaMigrations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * While the central database is known to be down, reads of hospital records answer 503 with {@code
 * Retry-After} at once, instead of each waiting on a dead connection. Writes are not affected (the write
 * gateway stages them), nor are the staging endpoints, which answer from this node.
 */
@Configuration(proxyBeanMethods = false)
class ReadsNeedTheDatabase implements WebMvcConfigurer {

    private final DatabaseCircuit circuit;
    private final SchemaMigrations schema;

    ReadsNeedTheDatabase(DatabaseCircuit circuit, SchemaMigrations schema) {
        this.circuit = circuit;
        this.schema = schema;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if ("GET".equals(request.getMethod()) && (circuit.isOpen() || !schema.ready())) {
                            throw new BancoIndisponivel(circuit.retryAfterSeconds());
                        }
                        return true;
                    }
                })
                .addPathPatterns("/api/**")
                .excludePathPatterns("/api/staging", "/api/staging/**");
    }
}
