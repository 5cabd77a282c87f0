package br.com.rhp.hospital.telas;

import br.com.rhp.hospital.atendimento.Carater;
import br.com.rhp.hospital.atendimento.Financiamento;
import br.com.rhp.hospital.atendimento.MotivoAlta;
import br.com.rhp.hospital.atendimento.MotivoTransferencia;
import br.com.rhp.hospital.atendimento.Procedencia;
import br.com.rhp.hospital.atendimento.TipoAtendimento;
import br.com.rhp.hospital.leito.Acomodacao;
import br.com.rhp.hospital.leito.StatusLeito;
import br.com.rhp.hospital.leito.TipoLeito;
import br.com.rhp.hospital.paciente.RacaCor;
import br.com.rhp.hospital.paciente.Sexo;
import br.com.rhp.hospital.profissional.Conselho;
import br.com.rhp.hospital.unidade.TipoUnidade;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Renders the pages. They hold no data of their own: the forms, the bed map and the staging dashboard
 * read and write through {@code /api} from the browser, so a page shows exactly what the API answers —
 * field errors, 202 receipts and all.
 */
@Controller
@RequestMapping
class TelasController {

    @GetMapping("/")
    String raiz() {
        return "redirect:/telas";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/telas")
    String inicio() {
        return "telas/inicio";
    }

    @GetMapping("/telas/pacientes/novo")
    String paciente(Model model) {
        model.addAttribute("sexos", Sexo.values());
        model.addAttribute("racas", RacaCor.values());
        return "telas/paciente";
    }

    @GetMapping("/telas/profissionais/novo")
    String profissional(Model model) {
        model.addAttribute("conselhos", Conselho.values());
        return "telas/profissional";
    }

    @GetMapping("/telas/unidades/nova")
    String unidade(Model model) {
        model.addAttribute("tipos", TipoUnidade.values());
        return "telas/unidade";
    }

    @GetMapping("/telas/leitos/novo")
    String leito(Model model) {
        model.addAttribute("tipos", TipoLeito.values());
        model.addAttribute("acomodacoes", Acomodacao.values());
        return "telas/leito";
    }

    @GetMapping("/telas/internacao")
    String internacao(Model model) {
        model.addAttribute("tipos", TipoAtendimento.values());
        model.addAttribute("carateres", Carater.values());
        model.addAttribute("procedencias", Procedencia.values());
        model.addAttribute("financiamentos", Financiamento.values());
        return "telas/internacao";
    }

    @GetMapping("/telas/transferencia")
    String transferencia(Model model) {
        model.addAttribute("motivos", MotivoTransferencia.values());
        return "telas/transferencia";
    }

    @GetMapping("/telas/alta")
    String alta(Model model) {
        model.addAttribute("motivos", MotivoAlta.values());
        return "telas/alta";
    }

    @GetMapping("/telas/mapa")
    String mapa(Model model) {
        model.addAttribute("status", StatusLeito.values());
        return "telas/mapa";
    }

    @GetMapping("/telas/staging")
    String staging() {
        return "telas/staging";
    }

    private static final Rotulos ROTULOS = new Rotulos();

    @ModelAttribute("rotulos")
    Rotulos rotulos() {
        return ROTULOS;
    }

    /** Who is logged in and their roles, for the header and for the menu (the API still decides). */
    @ModelAttribute
    void usuario(Authentication authentication, Model model) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return;
        }
        Set<String> papeis = new TreeSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String nome = authority.getAuthority();
            if (nome != null && nome.startsWith("ROLE_")) {
                papeis.add(nome.substring("ROLE_".length()));
            }
        }
        model.addAttribute("usuario", authentication.getName());
        model.addAttribute("papeis", papeis);
    }
}
