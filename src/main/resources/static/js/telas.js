// Staff pages of hospital-api: plain JavaScript, no build. Every read and write goes to /api with the
// page's session and CSRF token; what the API answers is what the page shows.
"use strict";

(function () {
  const csrfToken = meta("csrf-token");
  const csrfHeader = meta("csrf-header") || "X-CSRF-TOKEN";

  function meta(name) {
    const m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : null;
  }

  // ---- API calls ---------------------------------------------------------------------------------

  async function api(method, path, body, extraHeaders) {
    const headers = Object.assign({ Accept: "application/json, application/problem+json" }, extraHeaders || {});
    if (method !== "GET" && csrfToken) headers[csrfHeader] = csrfToken;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      redirect: "manual",
    });
    let data = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    return { status: response.status, location: response.headers.get("Location"), data, type: response.type };
  }

  async function getJson(path) {
    const r = await api("GET", path);
    if (r.status !== 200) throw r;
    return r.data;
  }

  function texto(el, valor) { el.textContent = valor == null ? "" : String(valor); return el; }

  function criar(tag, classe, conteudo) {
    const el = document.createElement(tag);
    if (classe) el.className = classe;
    if (conteudo != null) el.textContent = conteudo;
    return el;
  }

  function dataHora(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString("pt-BR", { dateStyle: "short", timeStyle: "short" });
  }

  function novaChave() {
    // a UUID v4 from crypto.getRandomValues (randomUUID needs a secure context)
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // ---- status box ----------------------------------------------------------------------------------

  // focar: move the focus (and the view) to the message, so that it is seen and read out; not for the
  // updates that arrive later, while the user may be typing the next form
  function situacao(tipo, titulo, detalhe, focar) {
    const box = document.getElementById("situacao");
    if (!box) return null;
    box.hidden = false;
    box.className = "situacao situacao-" + tipo;
    box.replaceChildren();
    box.appendChild(criar("p", "situacao-titulo", titulo));
    if (detalhe) {
      (Array.isArray(detalhe) ? detalhe : [detalhe]).forEach((d) => box.appendChild(typeof d === "string" ? criar("p", null, d) : d));
    }
    box.setAttribute("tabindex", "-1");
    if (focar !== false) box.focus();
    return box;
  }

  function problema(r) {
    if (r.status === 401) return "Sua sessão expirou. Entre de novo (a página de login abre em outra aba) e envie outra vez.";
    if (r.data && r.data.detail) return r.data.detail;
    if (r.status === 0 || r.status >= 500) return "O servidor não respondeu como esperado (HTTP " + r.status + "). Tente de novo.";
    return "HTTP " + r.status;
  }

  // ---- options of the selects ------------------------------------------------------------------------

  const fontes = {
    "unidades": () => getJson("/api/unidades?size=500&ativo=true").then((p) =>
      p.itens.map((u) => ({ valor: u.id, texto: u.codigo + " — " + u.nome }))),
    "unidades-internacao": () => getJson("/api/unidades?size=500&ativo=true").then((p) =>
      p.itens.filter((u) => u.aceita_internacao).map((u) => ({ valor: u.id, texto: u.codigo + " — " + u.nome }))),
    "pacientes": (termo) => {
      let q = "/api/pacientes?size=50";
      if (termo) q += /^[\d.\-\s]{11,14}$/.test(termo) ? "&cpf=" + encodeURIComponent(termo) : "&nome=" + encodeURIComponent(termo);
      return getJson(q).then((p) => p.itens.map((x) => ({
        valor: x.id, texto: x.nome + (x.cpf ? " — CPF " + x.cpf : "") + (x.data_nascimento ? " — nasc. " + x.data_nascimento : "") })));
    },
    "profissionais": () => getJson("/api/profissionais?size=500").then((p) =>
      p.itens.filter((x) => x.ativo !== false).map((x) => ({ valor: x.id, texto: x.nome + (x.conselho ? " — " + x.conselho + " " + (x.conselho_numero || "") : "") }))),
    "leitos-livres": async () => {
      const [unidades, leitos] = await Promise.all([
        getJson("/api/unidades?size=500"), getJson("/api/leitos?status=DISPONIVEL&size=2000")]);
      const nome = {};
      unidades.itens.forEach((u) => { nome[u.id] = u.codigo; });
      return leitos.itens.map((l) => ({ valor: l.id, texto: (nome[l.unidade_id] || "?") + " / leito " + l.codigo + " (" + l.tipo + ")" }));
    },
    "internacoes": async () => {
      const unidades = (await getJson("/api/unidades?size=500&ativo=true")).itens.filter((u) => u.aceita_internacao);
      const censos = await Promise.all(unidades.map((u) => getJson("/api/unidades/" + u.id + "/censo")));
      const opcoes = [];
      censos.forEach((c) => c.leitos.forEach((l) => {
        if (l.ocupacao) opcoes.push({ valor: l.ocupacao.atendimento_id + "," + l.leito_id,
          texto: c.unidade_codigo + " / leito " + l.codigo + " — " + l.ocupacao.nome });
      }));
      return opcoes;
    },
  };

  async function preencher(select, termo) {
    const fonte = fontes[select.dataset.opcoes];
    if (!fonte) return;
    const atual = select.value;
    try {
      const opcoes = await fonte(termo);
      const primeira = select.options[0] && select.options[0].value === "" ? select.options[0] : null;
      select.replaceChildren();
      if (primeira) select.appendChild(primeira);
      opcoes.forEach((o) => {
        const opt = criar("option", null, o.texto);
        opt.value = o.valor;
        select.appendChild(opt);
      });
      if (atual) select.value = atual;
      if (termo && opcoes.length === 1) select.value = opcoes[0].valor;
    } catch (r) {
      const aviso = r && r.status === 403 ? "sem permissão para listar" : "não foi possível carregar a lista";
      select.setAttribute("data-erro-lista", aviso);
      erroDoCampo(select, aviso);
    }
  }

  // ---- forms ---------------------------------------------------------------------------------------

  function erroDoCampo(control, mensagem) {
    let p = document.getElementById("erro-" + control.name);
    if (!p) return;
    texto(p, mensagem ? "⚠ " + mensagem : "");
    p.hidden = !mensagem;
    if (mensagem) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  function prepararCampos(form) {
    form.querySelectorAll("[name]").forEach((control) => {
      if (document.getElementById("erro-" + control.name)) return;
      const p = criar("p", "erro-campo");
      p.id = "erro-" + control.name;
      p.hidden = true;
      const campo = control.closest(".campo") || control.parentNode;
      campo.appendChild(p);
      const ajuda = document.getElementById("ajuda-" + control.name);
      control.setAttribute("aria-describedby", (ajuda ? ajuda.id + " " : "") + p.id);
    });
  }

  function corpo(form) {
    const dados = {};
    form.querySelectorAll("[name]").forEach((control) => {
      const nome = control.name;
      if (control.dataset.tipo === "booleano") {
        dados[nome] = control.checked;
        return;
      }
      const valor = control.value.trim();
      if (valor === "") return;
      if (control.dataset.divide) {
        const nomes = control.dataset.divide.split(",");
        const partes = valor.split(",");
        nomes.forEach((n, i) => { if (n) dados[n] = partes[i]; });
        return;
      }
      if (control.type === "datetime-local") {
        dados[nome] = new Date(valor).toISOString();
        return;
      }
      dados[nome] = valor;
    });
    return dados;
  }

  // cyrb53: a 53-bit string hash, enough to tell two versions of one form apart (no crypto.subtle on http)
  function resumo(texto) {
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < texto.length; i++) {
      const c = texto.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }

  // A key per submission: the same until the server gives a definite answer, so a double click, a retry
  // after a network error or a reload of an unanswered submission is the same operation. A form whose
  // content changed meanwhile is another submission, with a new key.
  function chaveDoEnvio(dados) {
    const onde = "chave:" + location.pathname;
    // a digest, not the form itself: patient data is not left in the browser's storage
    const conteudo = resumo(JSON.stringify(dados));
    let guardada = null;
    try { guardada = JSON.parse(sessionStorage.getItem(onde)); } catch (e) { guardada = null; }
    const chave = guardada && guardada.conteudo === conteudo ? guardada.chave : novaChave();
    sessionStorage.setItem(onde, JSON.stringify({ chave, conteudo }));
    return { chave, esquecer: () => sessionStorage.removeItem(onde) };
  }

  function mostrarErros(form, r) {
    const erros = (r.data && r.data.erros) || [];
    const gerais = [];
    erros.forEach((e) => {
      let nome = e.campo;
      let control = form.querySelector('[name="' + CSS.escape(nome) + '"]');
      if (!control) {
        const dividido = form.querySelector('[data-divide*="' + CSS.escape(nome) + '"]');
        if (dividido) control = dividido;
      }
      if (control) erroDoCampo(control, e.mensagem);
      else gerais.push((nome ? nome + ": " : "") + e.mensagem);
    });
    situacao("erro", erros.length ? "Corrija os campos indicados." : "Não foi possível salvar.", [problema(r)].concat(gerais));
    const primeiro = form.querySelector('[aria-invalid="true"]');
    if (primeiro) primeiro.focus();
  }

  function limparErros(form) {
    form.querySelectorAll("[name]").forEach((c) => erroDoCampo(c, null));
  }

  function recursoLink(caminho) {
    const a = criar("a", null, caminho);
    a.href = caminho;
    return a;
  }

  async function acompanharRecibo(recibo, linha) {
    // polls the receipt until it leaves PENDING; the replay sends it when the database is back
    for (let espera = 2000; ; espera = Math.min(espera * 1.5, 15000)) {
      await new Promise((ok) => setTimeout(ok, espera));
      let r;
      try { r = await api("GET", "/api/staging/operations/" + recibo.operation_id); } catch (e) { continue; }
      if (r.status !== 200 || !r.data) continue;
      const status = r.data.status;
      texto(linha, status);
      linha.className = "recibo-status recibo-" + status;
      if (status === "APPLIED") {
        situacao("sucesso", "Enviado ao banco central: o formulário foi aplicado.",
          ["Recibo " + recibo.operation_id + ": APPLIED.", recursoLink(recibo.recurso)], false);
        return;
      }
      if (status === "QUARANTINED" || status === "CONFLICT" || status === "DISCARDED") {
        situacao("erro", "O formulário salvo neste computador não pôde ser aplicado (" + status + ").",
          ["Recibo " + recibo.operation_id + (r.data.motivo ? ": " + r.data.motivo : "") + ". Procure o administrador."], false);
        return;
      }
    }
  }

  function mostrarRecibo(recibo) {
    const linha = criar("strong", "recibo-status recibo-" + recibo.status, recibo.status);
    const p = criar("p", null, "Situação: ");
    p.appendChild(linha);
    const box = situacao("salvo-local", "Salvo neste computador; será enviado ao banco central.", [
      "O banco central está indisponível agora. Nada foi perdido: guarde o número do recibo.",
      criar("p", "recibo", "Recibo: " + recibo.operation_id),
      p,
    ]);
    if (box) box.dataset.recibo = recibo.operation_id;
    acompanharRecibo(recibo, linha);
  }

  function ligarFormulario(form) {
    prepararCampos(form);
    let enviando = false;
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (enviando) return; // a double click sends once
      enviando = true;
      const botoes = form.querySelectorAll("button[type=submit]");
      botoes.forEach((b) => { b.disabled = true; b.setAttribute("aria-busy", "true"); });
      limparErros(form);
      const dados = corpo(form);
      const { chave, esquecer } = chaveDoEnvio(dados);
      situacao("enviando", "Enviando…");
      try {
        const r = await api("POST", form.dataset.api, dados, { "Idempotency-Key": chave });
        if (r.status === 201 || r.status === 200) {
          esquecer();
          const destino = r.location || (r.data && r.data.id ? form.dataset.api + "/" + r.data.id : null);
          situacao("sucesso", "Salvo no banco central.", destino ? ["Registro: ", recursoLink(destino)] : null);
          form.reset();
          form.querySelectorAll("select[data-opcoes]").forEach((s) => preencher(s));
        } else if (r.status === 303 || r.type === "opaqueredirect") {
          esquecer();
          situacao("sucesso", "Este formulário já tinha sido salvo; nada foi gravado de novo.", r.location ? [recursoLink(r.location)] : null);
          form.reset();
        } else if (r.status === 202) {
          esquecer();
          form.reset();
          mostrarRecibo(r.data);
        } else if (r.status === 401) {
          situacao("erro", "Sessão expirada.", [problema(r), recursoLink("/login")]);
        } else if (r.status >= 400 && r.status < 500) {
          // the key is kept only for a retry of the same content; a corrected form is a new operation
          esquecer();
          mostrarErros(form, r);
        } else {
          mostrarErros(form, r);
        }
      } catch (e) {
        situacao("erro", "Sem resposta do servidor. Verifique a rede e envie de novo: o mesmo formulário não será gravado duas vezes.");
      } finally {
        enviando = false;
        botoes.forEach((b) => { b.disabled = false; b.removeAttribute("aria-busy"); });
      }
    });
    form.addEventListener("reset", () => limparErros(form));
  }

  // ---- bed map -------------------------------------------------------------------------------------

  const ROTULOS = {
    DISPONIVEL: "Disponível", OCUPADO: "Ocupado", HIGIENIZACAO: "Higienização", RESERVADO: "Reservado",
    BLOQUEADO: "Bloqueado", MANUTENCAO: "Manutenção", DESATIVADO: "Desativado",
  };

  async function mostrarMapa(unidadeId) {
    const lista = document.getElementById("mapa");
    const resumo = document.getElementById("resumo-mapa");
    lista.replaceChildren();
    if (!unidadeId) { texto(resumo, "Escolha uma unidade."); return; }
    let leitos, cabecalho;
    const censo = await api("GET", "/api/unidades/" + unidadeId + "/censo");
    if (censo.status === 200) {
      leitos = censo.data.leitos.map((l) => Object.assign({ id: l.leito_id }, l));
      cabecalho = censo.data.unidade_codigo + " — " + censo.data.unidade_nome + ": " + censo.data.total_leitos +
        " leitos, ocupação " + Math.round(censo.data.taxa_ocupacao * 100) + "%. Atualizado " + dataHora(censo.data.gerado_em) + ".";
    } else if (censo.status === 403) {
      // roles that may not see who is in a bed (HIGIENIZACAO) see the status only
      const r = await getJson("/api/leitos?unidade_id=" + unidadeId + "&size=2000");
      leitos = r.itens;
      cabecalho = r.total_itens + " leitos.";
    } else {
      situacao("erro", "Não foi possível carregar o mapa.", problema(censo));
      return;
    }
    texto(resumo, cabecalho);
    leitos.forEach((l) => {
      const item = criar("li", "leito status-" + l.status);
      item.dataset.leito = l.codigo;
      item.dataset.status = l.status;
      item.appendChild(criar("span", "leito-codigo", "Leito " + l.codigo));
      item.appendChild(criar("span", "leito-status", ROTULOS[l.status] || l.status));
      if (l.status === "OCUPADO" && l.ocupacao) {
        item.appendChild(criar("span", "leito-ocupante", l.ocupacao.nome_social || l.ocupacao.nome));
        item.appendChild(criar("span", "leito-desde", "desde " + dataHora(l.ocupacao.desde)));
      } else if (l.status_desde) {
        item.appendChild(criar("span", "leito-desde", "desde " + dataHora(l.status_desde)));
      }
      if (l.status_motivo && l.status !== "OCUPADO") item.appendChild(criar("span", "leito-motivo", l.status_motivo));
      lista.appendChild(item);
    });
  }

  function ligarMapa() {
    const filtro = document.getElementById("filtro-mapa");
    if (!filtro) return;
    const select = document.getElementById("unidade");
    const params = new URLSearchParams(location.search);
    preencher(select).then(() => {
      const escolhida = params.get("unidade") || (select.options.length === 2 ? select.options[1].value : "");
      if (escolhida) { select.value = escolhida; mostrarMapa(escolhida); }
    });
    filtro.addEventListener("submit", (ev) => {
      ev.preventDefault();
      history.replaceState(null, "", "?unidade=" + encodeURIComponent(select.value));
      mostrarMapa(select.value);
    });
    document.getElementById("atualizar-mapa").addEventListener("click", () => mostrarMapa(select.value));
    setInterval(() => { if (select.value && !document.hidden) mostrarMapa(select.value); }, 30000);
  }

  // ---- staging dashboard ---------------------------------------------------------------------------

  async function mostrarStaging() {
    const r = await api("GET", "/api/staging");
    const dl = document.getElementById("resumo-staging");
    if (r.status !== 200) { situacao("erro", "Não foi possível ler o staging.", problema(r)); return; }
    const s = r.data;
    const ultima = s.ultima_reexecucao;
    const linhas = [
      ["Nó", s.no],
      ["Banco central", s.banco === "DISPONIVEL" ? "Disponível" : "Indisponível" + (s.banco_desde ? " desde " + dataHora(s.banco_desde) : "")],
      ["Pendentes", s.pendentes + (s.pendente_mais_antigo ? " (mais antiga: " + dataHora(s.pendente_mais_antigo) + ")" : "")],
      ["Em quarentena", s.quarentena],
      ["Em conflito", s.conflitos],
      ["Espaço livre", Math.round(s.espaco_livre_bytes / 1048576) + " MB"],
      ["Última reexecução", ultima ? dataHora(ultima.fim || ultima.inicio) + " — " + ultima.aplicadas + " aplicadas, " +
        ultima.quarentena + " em quarentena, " + ultima.conflitos + " em conflito" + (ultima.gatilho ? " (" + ultima.gatilho + ")" : "") : "nenhuma desde o início"],
    ];
    dl.replaceChildren();
    linhas.forEach(([k, v]) => { dl.appendChild(criar("dt", null, k)); dl.appendChild(criar("dd", null, v)); });
    dl.querySelectorAll("dd")[1].className = s.banco === "DISPONIVEL" ? "ok" : "alerta";
    for (const tabela of document.querySelectorAll("table.operacoes")) {
      const area = tabela.dataset.area;
      const corpoTabela = tabela.querySelector("tbody");
      const lista = await api("GET", "/api/staging/operations?area=" + area + "&size=200");
      corpoTabela.replaceChildren();
      const itens = lista.status === 200 ? lista.data.itens : [];
      if (!itens.length) {
        const tr = criar("tr");
        const td = criar("td", "vazio", "Nenhuma operação.");
        td.colSpan = 6;
        tr.appendChild(td);
        corpoTabela.appendChild(tr);
      }
      itens.forEach((op) => {
        const tr = criar("tr");
        tr.appendChild(criar("td", "codigo", op.operation_id));
        tr.appendChild(criar("td", null, op.entity));
        tr.appendChild(criar("td", null, op.action));
        tr.appendChild(criar("td", null, dataHora(op.staged_at)));
        tr.appendChild(criar("td", null, op.motivo || ""));
        const acoes = criar("td", "acoes-linha");
        if (area !== "pending") {
          const retry = criar("button", null, "Tentar de novo");
          retry.type = "button";
          retry.setAttribute("aria-label", "Tentar de novo a operação " + op.operation_id);
          retry.addEventListener("click", async () => {
            const rr = await api("POST", "/api/staging/operations/" + op.operation_id + "/retry");
            if (rr.status === 200) situacao("sucesso", "Operação devolvida à fila de pendentes.");
            else situacao("erro", "Não foi possível devolver a operação.", problema(rr));
            mostrarStaging();
          });
          acoes.appendChild(retry);
        }
        const descartar = criar("button", "perigo", "Descartar");
        descartar.type = "button";
        descartar.setAttribute("aria-label", "Descartar a operação " + op.operation_id);
        descartar.addEventListener("click", () => abrirDescarte(op.operation_id));
        acoes.appendChild(descartar);
        tr.appendChild(acoes);
        corpoTabela.appendChild(tr);
      });
    }
  }

  function abrirDescarte(id) {
    const dialogo = document.getElementById("dialogo-descarte");
    texto(document.getElementById("descarte-operacao"), id);
    dialogo.dataset.operacao = id;
    document.getElementById("motivo").value = "";
    const erro = document.getElementById("erro-motivo");
    erro.hidden = true;
    dialogo.showModal();
  }

  function ligarStaging() {
    if (!document.getElementById("resumo-staging")) return;
    mostrarStaging();
    document.getElementById("atualizar-staging").addEventListener("click", mostrarStaging);
    document.getElementById("reexecutar").addEventListener("click", async () => {
      const r = await api("POST", "/api/staging/replay");
      if (r.status === 200) situacao("sucesso", "Reexecução concluída: " + r.data.aplicadas + " aplicadas.");
      else situacao("erro", "A reexecução não foi feita.", problema(r));
      mostrarStaging();
    });
    const dialogo = document.getElementById("dialogo-descarte");
    document.getElementById("cancelar-descarte").addEventListener("click", () => dialogo.close());
    document.getElementById("form-descarte").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const motivo = document.getElementById("motivo");
      const erro = document.getElementById("erro-motivo");
      const r = await api("POST", "/api/staging/operations/" + dialogo.dataset.operacao + "/discard", { motivo: motivo.value });
      if (r.status === 200) {
        dialogo.close();
        situacao("sucesso", "Operação descartada; o motivo ficou registrado.");
        mostrarStaging();
        return;
      }
      const e = r.data && r.data.erros && r.data.erros.find((x) => x.campo === "motivo");
      texto(erro, "⚠ " + (e ? e.mensagem : problema(r)));
      erro.hidden = false;
      motivo.setAttribute("aria-invalid", "true");
      motivo.focus();
    });
    setInterval(() => { if (!document.hidden && !dialogo.open) mostrarStaging(); }, 15000);
  }

  // ---- start ---------------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.formulario").forEach(ligarFormulario);
    document.querySelectorAll("form.formulario select[data-opcoes]").forEach((s) => preencher(s));
    document.querySelectorAll("[data-busca-paciente]").forEach((busca) => {
      const alvo = document.getElementById(busca.dataset.buscaPaciente);
      let timer;
      busca.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => preencher(alvo, busca.value.trim()), 300);
      });
    });
    ligarMapa();
    ligarStaging();
  });
})();
