package br.com.rhp.hospital.web;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.DatabaseFailures;
import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.shared.DadosInvalidos.Campo;
import br.com.rhp.hospital.shared.ProblemaDeDominio;
import br.com.rhp.hospital.staging.NotStaged;
import br.com.rhp.hospital.staging.StagingFull;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Answers every error as an RFC 9457 problem detail with a Portuguese message. Bad input is a 400
 * naming each field; a hospital rule is 404/409/412/422 naming the rule; nothing a client sends
 * produces a 5xx.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final DatabaseCircuit circuit;

    ProblemDetailsAdvice(DatabaseCircuit circuit) {
        this.circuit = circuit;
    }

    @ExceptionHandler(ProblemaDeDominio.class)
    ResponseEntity<ProblemDetail> problemaDeDominio(ProblemaDeDominio e) {
        HttpStatusCode status = HttpStatusCode.valueOf(e.status());
        return ResponseEntity.status(status).body(Problemas.de(status, e.regra(), e.titulo(), e.getMessage()));
    }

    @ExceptionHandler(NotStaged.class)
    ResponseEntity<ProblemDetail> naoGuardado(NotStaged e) {
        log.error("A write could not be saved on this node's disk: {}", e.getMessage());
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        boolean cheio = e instanceof StagingFull;
        return ResponseEntity.status(status)
                .header("Retry-After", "60")
                .body(Problemas.de(
                        status,
                        cheio ? "ArmazenamentoLocalCheio" : "GravacaoNaoSalva",
                        "Gravação NÃO salva",
                        "O banco central está indisponível e este computador não conseguiu guardar a gravação"
                                + (cheio ? " (disco quase cheio)" : "")
                                + ". Os dados NÃO foram salvos: tente novamente mais tarde ou avise o suporte."));
    }

    @ExceptionHandler(BancoIndisponivel.class)
    ResponseEntity<ProblemDetail> bancoIndisponivel(BancoIndisponivel e) {
        return indisponivel(e.retryAfterSeconds());
    }

    @ExceptionHandler(PreconditionRequired.class)
    ResponseEntity<ProblemDetail> precondicaoAusente(PreconditionRequired e) {
        HttpStatusCode status = HttpStatus.PRECONDITION_REQUIRED;
        return ResponseEntity.status(status)
                .body(Problemas.de(status, "VersaoNaoInformada", "Versão não informada", e.getMessage()));
    }

    @ExceptionHandler(DadosInvalidos.class)
    ResponseEntity<ProblemDetail> dadosInvalidos(DadosInvalidos e) {
        return ResponseEntity.badRequest().body(Problemas.dadosInvalidos(e.campos()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violacoes(ConstraintViolationException e) {
        List<Campo> erros = new ArrayList<>();
        e.getConstraintViolations()
                .forEach(v -> erros.add(new Campo(
                        NomesJson.snakeCase(ultimoNo(v.getPropertyPath().toString())), v.getMessage())));
        return ResponseEntity.badRequest().body(Problemas.dadosInvalidos(ordenados(erros)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> tipoErrado(MethodArgumentTypeMismatchException e) {
        String mensagem = e.getRequiredType() != null && e.getRequiredType().equals(java.util.UUID.class)
                ? "identificador inválido: informe um UUID"
                : "valor inválido";
        return ResponseEntity.badRequest().body(Problemas.dadosInvalidos(List.of(new Campo(e.getName(), mensagem))));
    }

    @ExceptionHandler(PropertyReferenceException.class)
    ResponseEntity<ProblemDetail> ordenacaoInvalida(PropertyReferenceException e) {
        return ResponseEntity.badRequest()
                .body(Problemas.dadosInvalidos(List.of(new Campo(
                        "sort",
                        "não é possível ordenar por '" + e.getPropertyName() + "'; use um campo da listagem"))));
    }

    @ExceptionHandler(InvalidDataAccessApiUsageException.class)
    ResponseEntity<ProblemDetail> usoInvalido(InvalidDataAccessApiUsageException e) {
        if (e.getCause() instanceof PropertyReferenceException reference) {
            return ordenacaoInvalida(reference);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Sort expression")) {
            // an unknown field in the sort of a hand-written query: Spring Data names no property then
            return ResponseEntity.badRequest()
                    .body(Problemas.dadosInvalidos(List.of(
                            new Campo("sort", "não é possível ordenar por esse campo; use um campo da listagem"))));
        }
        return inesperado(e);
    }

    /** A wildcard Content-Type ({@code *}{@code /*}, {@code application/*}) names no format: 415, not 500. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> argumentoIlegal(IllegalArgumentException e, HttpServletRequest request) {
        if (tipoCuringa(request.getContentType())) {
            HttpStatusCode status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            return ResponseEntity.status(status)
                    .body(Problemas.de(
                            status,
                            "TipoDeConteudoNaoSuportado",
                            "Tipo de conteúdo não suportado",
                            "Envie o corpo como application/json (ou application/merge-patch+json no PATCH)."));
        }
        return inesperado(e);
    }

    private static boolean tipoCuringa(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integridade(DataIntegrityViolationException e) {
        log.warn(
                "Database constraint with no named rule: {}",
                e.getMostSpecificCause().getClass().getName());
        HttpStatusCode status = HttpStatus.CONFLICT;
        return ResponseEntity.status(status)
                .body(Problemas.de(
                        status,
                        "RestricaoDoBanco",
                        "Conflito com dados existentes",
                        "O registro conflita com dados já gravados (valor duplicado ou referência inexistente)."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> inesperado(Exception e) {
        if (DatabaseFailures.isUnavailable(e)) {
            // a read that found the database down: tell the client when to try again
            circuit.recordUnavailable();
            return indisponivel(circuit.retryAfterSeconds());
        }
        RequestBodyLimitFilter.BodyTooLarge tooLarge = corpoGrandeDemais(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RequestBodyLimitFilter.problema(tooLarge.maxBytes()));
        }
        log.error("Unexpected error answering a request", e);
        HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
        return ResponseEntity.status(status)
                .body(Problemas.de(
                        status,
                        "ErroInterno",
                        "Erro interno",
                        "Ocorreu um erro inesperado. O erro foi registrado; tente novamente ou contate o suporte."));
    }

    private ResponseEntity<ProblemDetail> indisponivel(long retryAfterSeconds) {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status)
                .header("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)))
                .body(Problemas.de(
                        status,
                        "BancoIndisponivel",
                        "Banco central indisponível",
                        "O banco central está fora do ar; a consulta não pode ser feita agora. Gravações continuam"
                                + " sendo aceitas e guardadas neste computador."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Campo> erros = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            erros.add(new Campo(NomesJson.snakeCase(error.getField()), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> erros.add(new Campo("", error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problemas.dadosInvalidos(ordenados(erros)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Campo> erros = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String nome = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> erros.add(
                            new Campo(nome == null ? "" : NomesJson.snakeCase(nome), error.getDefaultMessage())));
        });
        return ResponseEntity.badRequest().body(Problemas.dadosInvalidos(ordenados(erros)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // a chunked body over the limit fails while being read: the size, not the JSON, is what is wrong
        RequestBodyLimitFilter.BodyTooLarge tooLarge = corpoGrandeDemais(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RequestBodyLimitFilter.problema(tooLarge.maxBytes()));
        }
        return ResponseEntity.badRequest().body(Problemas.dadosInvalidos(List.of(erroDeLeitura(e))));
    }

    private static RequestBodyLimitFilter.BodyTooLarge corpoGrandeDemais(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyLimitFilter.BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(Problemas.dadosInvalidos(
                        List.of(new Campo(e.getParameterName(), "parâmetro obrigatório não informado"))));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .body(Problemas.de(
                        status, "RecursoInexistente", "Recurso inexistente", "Não há recurso neste endereço."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .body(Problemas.de(
                        status,
                        "MetodoNaoPermitido",
                        "Método não permitido",
                        "O método " + e.getMethod() + " não é aceito neste endereço."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .body(Problemas.de(
                        status,
                        "TipoDeConteudoNaoSuportado",
                        "Tipo de conteúdo não suportado",
                        "Envie o corpo como application/json (ou application/merge-patch+json no PATCH)."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .body(Problemas.de(
                        status,
                        "FormatoNaoDisponivel",
                        "Formato não disponível",
                        "Esta API responde em application/json e application/problem+json."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> cabecalhoAusente(MissingRequestHeaderException e) {
        return ResponseEntity.badRequest()
                .body(Problemas.dadosInvalidos(
                        List.of(new Campo(e.getHeaderName(), "cabeçalho obrigatório não informado"))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // any other framework exception: keep its status, but speak Portuguese and name no internals
        HttpStatus known = HttpStatus.resolve(status.value());
        String titulo = known != null ? known.getReasonPhrase() : "Erro";
        return ResponseEntity.status(status)
                .headers(headers)
                .body(Problemas.de(status, "ErroHttp" + status.value(), titulo, "A requisição não pôde ser atendida."));
    }

    private static Campo erroDeLeitura(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) {
            String campo = caminho(jackson);
            if (jackson instanceof UnrecognizedPropertyException unknown) {
                return new Campo(
                        campo.isEmpty() ? unknown.getPropertyName() : campo,
                        "campo desconhecido: remova-o ou verifique o nome");
            }
            if (jackson instanceof InvalidFormatException || jackson instanceof MismatchedInputException) {
                return new Campo(campo, "valor com tipo ou formato inválido para este campo");
            }
            if (!campo.isEmpty()) {
                return new Campo(campo, "valor inválido para este campo");
            }
            return new Campo("", "JSON malformado: verifique aspas, vírgulas e chaves");
        }
        return new Campo("", "corpo da requisição ausente ou ilegível: envie um JSON válido em UTF-8");
    }

    private static String caminho(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String ultimoNo(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static List<Campo> ordenados(List<Campo> erros) {
        erros.sort(Comparator.comparing(Campo::campo).thenComparing(Campo::mensagem));
        return erros;
    }
}
