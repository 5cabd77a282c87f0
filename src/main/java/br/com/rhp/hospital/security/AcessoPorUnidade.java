package br.com.rhp.hospital.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one place that decides whether the current user may reach records of a unit. Controllers of beds,
 * encounters, transfers, discharges, census and patients call it; the role check stays in {@code
 * SecurityConfiguration}.
 *
 * <p>A user without a unit list (the default) reaches every unit, and no lookup is made for them: the
 * {@code Supplier}s passed here are only called for limited users, so writes of unlimited users still
 * stage while the database is down. A limited user's check that needs the database (the unit of a bed,
 * of an encounter) fails with the database.
 *
 * <p>Break-the-glass: a limited user who sends {@value #CABECALHO} with a reason is let through where
 * the unit would refuse them; the access is logged (user, method, path; never the reason, which may
 * name a patient) and published as an {@link AcessoEmergencial} event for the audit trail.
 */
@Component
public class AcessoPorUnidade {

    /** The break-the-glass header; its value is the reason. */
    public static final String CABECALHO = "X-Acesso-Emergencial";

    static final int MOTIVO_MINIMO = 10;
    static final int MOTIVO_MAXIMO = 500;

    private static final Logger log = LoggerFactory.getLogger(AcessoPorUnidade.class);
    private static final String PUBLICADO = AcessoPorUnidade.class.getName() + ".publicado";

    private final ApplicationEventPublisher events;
    private final EscopoDePaciente pacientes;
    private final Clock clock;

    AcessoPorUnidade(ApplicationEventPublisher events, EscopoDePaciente pacientes, Clock clock) {
        this.events = events;
        this.pacientes = pacientes;
        this.clock = clock;
    }

    /**
     * The units the current user is limited to, for filtering a list; empty when the user sees every
     * unit (not limited, or limited but overriding with break-the-glass).
     */
    public Optional<Set<UUID>> restricao() {
        Optional<Set<UUID>> unidades = UnidadesDoUsuario.de(autenticacao());
        if (unidades.isPresent() && emergencia()) {
            return Optional.empty();
        }
        return unidades;
    }

    /** Whether the current user is limited to some units (break-the-glass aside). */
    public boolean limitado() {
        return UnidadesDoUsuario.de(autenticacao()).isPresent();
    }

    /**
     * Refuses (403) unless the current user reaches at least one of the units; for a record that
     * belongs to several (an encounter: its unit and its current bed's). A {@code null} unit is one
     * that cannot be told (the record is not in the database) and is reached by no limited user.
     */
    public void exigirAlguma(Supplier<? extends Collection<UUID>> unidades) {
        Optional<Set<UUID>> minhas = UnidadesDoUsuario.de(autenticacao());
        if (minhas.isEmpty()) {
            return;
        }
        if (unidades.get().stream().filter(Objects::nonNull).noneMatch(minhas.get()::contains)) {
            negar("Seu acesso é limitado a outras unidades: este registro não pertence a nenhuma delas.");
        }
    }

    /**
     * Refuses (403) unless the current user reaches every one of the units: for a write that touches
     * several (a transfer from a bed of one unit to a bed of another).
     */
    public void exigirTodas(Supplier<? extends Collection<UUID>> unidades) {
        Optional<Set<UUID>> minhas = UnidadesDoUsuario.de(autenticacao());
        if (minhas.isEmpty()) {
            return;
        }
        Collection<UUID> pedidas = unidades.get();
        if (pedidas.isEmpty()
                || !pedidas.stream().allMatch(u -> u != null && minhas.get().contains(u))) {
            negar("Seu acesso é limitado a outras unidades: esta operação envolve uma unidade fora delas.");
        }
    }

    /** Refuses (403) a limited user: for what concerns the whole hospital (creating a unit). */
    public void exigirIrrestrito() {
        if (UnidadesDoUsuario.de(autenticacao()).isPresent()) {
            negar("Seu acesso é limitado a algumas unidades: esta operação é de quem tem acesso a todas.");
        }
    }

    /** Refuses (403) a patient's identity to a limited user unless the patient is in one of their units. */
    public void exigirPaciente(UUID pacienteId) {
        Optional<Set<UUID>> minhas = UnidadesDoUsuario.de(autenticacao());
        if (minhas.isPresent() && !pacientes.emAtendimento(pacienteId, minhas.get())) {
            negar("Seu acesso é limitado a algumas unidades: este paciente não está em atendimento nelas.");
        }
    }

    /** The patients a limited user may see, for filtering a list; empty when the user sees all. */
    public Optional<Set<UUID>> pacientesPermitidos() {
        return restricao().map(pacientes::pacientesEmAtendimento);
    }

    private void negar(String mensagem) {
        if (!emergencia()) {
            throw new AcessoNegadoAUnidade(
                    mensagem + " Em emergência, informe o motivo no cabeçalho " + CABECALHO + ".");
        }
    }

    /**
     * Whether the request overrides the unit limit; validates the reason and publishes the access
     * once per request.
     */
    private boolean emergencia() {
        HttpServletRequest request = requisicao();
        if (request == null) {
            return false;
        }
        String motivo = request.getHeader(CABECALHO);
        if (motivo == null) {
            return false;
        }
        motivo = motivo.strip();
        if (motivo.length() < MOTIVO_MINIMO || motivo.length() > MOTIVO_MAXIMO) {
            throw new MotivoDeAcessoEmergencialInvalido(MOTIVO_MINIMO, MOTIVO_MAXIMO);
        }
        if (request.getAttribute(PUBLICADO) == null) {
            request.setAttribute(PUBLICADO, Boolean.TRUE);
            String usuario = autenticacao().getName();
            log.warn(
                    "Break-the-glass: user {} overrode the unit limit on {} {} from {}",
                    usuario,
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr());
            events.publishEvent(new AcessoEmergencial(
                    usuario,
                    motivo,
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr(),
                    clock.instant()));
        }
        return true;
    }

    private static Authentication autenticacao() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    private static HttpServletRequest requisicao() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}
