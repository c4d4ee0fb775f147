<section class="boas-vindas">
  <h1>Olá, <?cs var:User.Name ?></h1>
  <p class="discreto">O dia do escritório.</p>
</section>

<?cs var:Part.dia ?>

<section class="atalhos" aria-label="Áreas do portal">
  <a class="atalho" href="/clientes">
    <span class="atalho-titulo">Clientes</span>
    <span class="atalho-texto">Cadastro de pessoas e empresas: busca, fichas, etiquetas e exportação.</span>
  </a>
  <a class="atalho" href="/importacao">
    <span class="atalho-titulo">Importação</span>
    <span class="atalho-texto">Traga clientes de planilhas CSV ou XLSX do Excel e do LibreOffice, conferindo tudo antes de gravar.</span>
  </a>
  <a class="atalho" href="/honorarios/recebimentos">
    <span class="atalho-titulo">Honorários</span>
    <span class="atalho-texto">Gere os honorários do mês e acompanhe o que está em aberto, vencido ou recebido.</span>
  </a>
</section>
