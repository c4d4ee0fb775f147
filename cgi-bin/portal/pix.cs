<?cs # The PIX of an open fee f (its QR code and "copia e cola"): the start page's first fees and a fee's own page. The code is text that wraps, never a box that hides its end. ?>
<?cs def:pix_corpo(f) ?>
      <div class="pix-corpo">
        <img class="pix-qr" src="/portal/honorarios/<?cs var:f.id ?>/pix.png" alt="QR Code PIX de <?cs var:f.open ?>" width="200" height="200" loading="lazy">
        <div class="pix-copia">
          <span class="pix-rotulo" id="pix-rotulo-<?cs var:f.id ?>">PIX copia e cola</span>
          <p id="pix-<?cs var:f.id ?>" class="pix-codigo" aria-labelledby="pix-rotulo-<?cs var:f.id ?>" translate="no"><?cs var:f.pix ?></p>
          <button type="button" class="botao botao-principal copiar" data-copiar="pix-<?cs var:f.id ?>" hidden>Copiar código PIX</button>
          <p class="discreto">No app do seu banco, escolha PIX › Copia e cola e cole o código, ou leia o QR Code.</p>
        </div>
      </div>
<?cs /def ?>
