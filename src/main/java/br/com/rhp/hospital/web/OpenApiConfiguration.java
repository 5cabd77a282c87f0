package br.com.rhp.hospital.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /openapi.json} and shown by Swagger UI at {@code /docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /**
     * Every write (POST and PATCH under {@code /api}, except the staging administration) accepts an
     * {@code Idempotency-Key}: described once here rather than on each controller method.
     */
    @Bean
    OpenApiCustomizer idempotencyKeyHeader() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/") || path.startsWith("/api/staging")) {
                    return;
                }
                for (io.swagger.v3.oas.models.Operation operation :
                        java.util.Arrays.asList(item.getPost(), item.getPatch())) {
                    if (operation != null) {
                        operation.addParametersItem(new HeaderParameter()
                                .name("Idempotency-Key")
                                .required(false)
                                .description("UUID novo para cada formulário; reenviar com a mesma chave devolve o "
                                        + "mesmo resultado (303 para o registro já gravado, ou o mesmo recibo 202 "
                                        + "enquanto guardado neste nó) e nunca grava duas vezes. Chave que não é "
                                        + "UUID: 400. Chave já usada em outra operação: 422.")
                                .schema(new StringSchema().format("uuid")));
                    }
                }
            });
        };
    }

    @Bean
    OpenAPI hospitalApi(@Value("${hospital.version:dev}") String version, @Value("${OIDC_ISSUER_URI:}") String issuer) {
        OpenAPI api = new OpenAPI()
                .info(new Info()
                        .title("hospital-api — Real Hospital Português")
                        .version(version)
                        .description("Formulários hospitalares (unidades, leitos, pacientes, profissionais, "
                                + "atendimentos, transferências e altas). Erros seguem a RFC 9457 (problem details) "
                                + "com mensagens em português. Alterações (PATCH) exigem If-Match com a ETag do "
                                + "registro. Quando o banco central está fora do ar, as gravações são guardadas "
                                + "neste nó e enviadas depois (202 com recibo). O cabeçalho opcional Idempotency-Key "
                                + "(um UUID novo por formulário) torna o reenvio seguro: o mesmo formulário enviado "
                                + "de novo devolve o mesmo resultado e nunca grava duas vezes. Usuários limitados a "
                                + "algumas unidades podem, em emergência, informar o motivo no cabeçalho "
                                + "X-Acesso-Emergencial."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
        if (!issuer.isBlank()) {
            // tokens of the hospital's identity provider, accepted beside the local accounts
            api.getComponents()
                    .addSecuritySchemes(
                            "bearer",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT"));
            api.addSecurityItem(new SecurityRequirement().addList("bearer"));
        }
        return api;
    }
}
