package br.com.rhp.hospital.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /openapi.json} and shown by Swagger UI at {@code /docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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
                                + "neste nó e enviadas depois. Usuários limitados a algumas unidades podem, em "
                                + "emergência, informar o motivo no cabeçalho X-Acesso-Emergencial."))
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
