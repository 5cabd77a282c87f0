package br.com.rhp.hospital.web;

import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.shared.DadosInvalidos.Campo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the paging parameters of a list before it reaches the database, where a bad value is not a
 * 400 but a failed query: a {@code sort} names fields (with {@code asc}, {@code desc} or {@code
 * ignorecase}), never an expression, and a {@code page} keeps the row offset within what a query can
 * skip. Which fields exist is left to each list (an unknown one is still a 400 from the repository).
 */
@Component
class ParametrosDePaginacao implements HandlerInterceptor {

    private static final Pattern CAMPO = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final int maxPagina;

    ParametrosDePaginacao(@Value("${spring.data.web.pageable.max-page-size:2000}") int maxPageSize) {
        // the offset is page × size and must fit an int, whatever size the client chose
        this.maxPagina = Integer.MAX_VALUE / Math.max(1, maxPageSize) - 1;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !pagina(method)) {
            return true;
        }
        List<Campo> erros = new ArrayList<>();
        String[] sorts = request.getParameterValues("sort");
        if (sorts != null && !Arrays.stream(sorts).allMatch(ParametrosDePaginacao::ordenacaoValida)) {
            erros.add(new Campo(
                    "sort", "ordenação inválida: informe nomes de campos separados por vírgula, com asc ou desc"));
        }
        String page = request.getParameter("page");
        if (page != null && numero(page.strip()) > maxPagina) {
            erros.add(new Campo("page", "página grande demais: informe no máximo " + maxPagina));
        }
        if (!erros.isEmpty()) {
            throw new DadosInvalidos(erros);
        }
        return true;
    }

    private static boolean pagina(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .anyMatch(p -> Pageable.class.isAssignableFrom(p.getParameterType()));
    }

    private static boolean ordenacaoValida(String sort) {
        return Arrays.stream(sort.split(","))
                .map(String::strip)
                .allMatch(parte -> parte.isEmpty() || CAMPO.matcher(parte).matches());
    }

    /** The page asked for; one that is not a number falls back to the first page, as Spring Data does. */
    private static long numero(String page) {
        try {
            return Long.parseLong(page);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
