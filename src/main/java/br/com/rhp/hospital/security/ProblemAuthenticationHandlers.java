package br.com.rhp.hospital.security;

import br.com.rhp.hospital.web.Problemas;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.json.JsonMapper;

/** 401, 403 and requests refused by the firewall as problem details in Portuguese. */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;
    private final boolean bearer;
    private final boolean basicChallenge;

    /**
     * @param bearer whether bearer tokens of the identity provider are accepted too (a 401 then says so)
     * @param basicChallenge whether a 401 invites HTTP Basic ({@code WWW-Authenticate}); not for the
     *     pages' calls to the API, where it would make the browser pop up its own login box
     */
    ProblemAuthenticationHandlers(JsonMapper json, boolean bearer, boolean basicChallenge) {
        this.json = json;
        this.bearer = bearer;
        this.basicChallenge = basicChallenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof OAuth2AuthenticationException) {
            // the token itself was refused: say so, without echoing what in it was wrong to a stranger
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            write(
                    response,
                    Problemas.de(
                            HttpStatus.UNAUTHORIZED,
                            "TokenInvalido",
                            "Token de acesso inválido",
                            "O token de acesso foi recusado: está expirado, tem assinatura inválida ou não foi emitido"
                                    + " para este serviço. Obtenha um novo token no provedor de identidade."));
            return;
        }
        if (basicChallenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"hospital-api\", charset=\"UTF-8\"");
            if (bearer) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
        }
        write(
                response,
                Problemas.de(
                        HttpStatus.UNAUTHORIZED,
                        "NaoAutenticado",
                        "Autenticação necessária",
                        bearer
                                ? "Informe usuário e senha válidos ou um token de acesso para acessar este recurso."
                                : "Informe usuário e senha válidos para acessar este recurso."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            write(
                    response,
                    Problemas.de(
                            HttpStatus.FORBIDDEN,
                            "SessaoDoFormularioInvalida",
                            "Formulário expirado",
                            "A sessão deste formulário expirou ou não confere; recarregue a página e envie de novo."));
            return;
        }
        write(
                response,
                Problemas.de(
                        HttpStatus.FORBIDDEN,
                        "AcessoNegado",
                        "Acesso negado",
                        "Seu perfil não tem permissão para esta operação."));
    }

    /**
     * A request the firewall refused (encoded slashes, dot segments, path parameters…): refused
     * before authentication, so it is a 400 whoever sends it.
     */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(
                response,
                Problemas.de(
                        HttpStatus.BAD_REQUEST,
                        "RequisicaoRejeitada",
                        "Requisição rejeitada",
                        "O endereço ou os cabeçalhos da requisição contêm caracteres ou sequências não permitidos."));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
