/* seed_clients: generated clients for an office. See seed_clients.h.
 *
 * Rows are made in batches of ROWS_PER_INSERT into one text arena (values are offsets
 * into it, so the arena may grow), inserted with one prepared multi-row INSERT whose text
 * is put together from fixed fragments (the column names of client_cols and "?"), every
 * value bound. The ids of a batch follow from the statement's first insert id; the last
 * one is checked against the batch's last document, so ids that were not consecutive
 * (another writer interleaving) stop the run instead of indexing the wrong records. */
#include "seed_clients.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cadastro/client.h"
#include "base/db.h"
#include "br/doc.h"
#include "base/fold.h"
#include "base/strbuf.h"
#include "br/valid.h"

#define ROWS_PER_INSERT 500     /* 500 x 34 placeholders */
#define WORDS_PER_INSERT 2000   /* 2000 x 3 placeholders */
#define ROWS_PER_TX 5000
#define PARAMS_PER_ROW (1 + CLIENT_NCOLS + 4)   /* office, the columns, trashed, 3 instants */
#define EMPTY SIZE_MAX                          /* a value's offset when it is "" */
#define N(a) (sizeof (a) / sizeof *(a))

/* ---------------------------------------------------------------- random */

struct rng {
	uint64_t s;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t rnd(struct rng *r)   /* splitmix64 */
{
	return mix64(r->s += 0x9E3779B97F4A7C15ull);
}

static unsigned below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(rnd(r) % n) : 0;
}

static bool per_mille(struct rng *r, unsigned p)
{
	return below(r, 1000) < p;
}

struct wt {
	const char *s;
	unsigned w;
};

static const char *pick_w(struct rng *r, const struct wt *t, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += t[i].w;
	unsigned x = below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return t[n - 1].s;
}

#define PICK_W(r, t) pick_w((r), (t), N(t))
#define PICK(r, t) ((t)[below((r), (unsigned)N(t))])

/* Counter -> a number in [0, m) that looks random: x -> (x * A + b) mod m is a bijection
 * of [0, m) because A is a prime above every m used here (so coprime to it). Distinct
 * counters below m give distinct numbers: that is what keeps documents unique. */
static uint64_t spread(uint64_t x, uint64_t m, uint64_t b)
{
	const uint64_t A = 2654435761u;
	return ((x % m) * (A % m) + b % m) % m;
}

/* ---------------------------------------------------------------- the data */

static const struct wt male_first[] = {
	{ "João", 40 }, { "José", 45 }, { "Antônio", 35 }, { "Francisco", 30 }, { "Carlos", 30 },
	{ "Paulo", 28 }, { "Pedro", 28 }, { "Lucas", 30 }, { "Luiz", 25 }, { "Marcos", 25 },
	{ "Luís", 15 }, { "Gabriel", 25 }, { "Rafael", 25 }, { "Daniel", 20 }, { "Marcelo", 20 },
	{ "Bruno", 20 }, { "Eduardo", 18 }, { "Felipe", 18 }, { "Raimundo", 12 }, { "Rodrigo", 18 },
	{ "Manoel", 10 }, { "Mateus", 15 }, { "André", 18 }, { "Fernando", 18 }, { "Fábio", 15 },
	{ "Leonardo", 15 }, { "Gustavo", 15 }, { "Guilherme", 15 }, { "Márcio", 10 },
	{ "Sebastião", 8 }, { "Thiago", 15 }, { "Ricardo", 15 }, { "Sérgio", 12 }, { "Jorge", 12 },
	{ "Vinícius", 12 }, { "Otávio", 6 }, { "Cícero", 5 }, { "Luciano", 8 }, { "Joaquim", 6 },
	{ "Benedito", 5 }, { "Caio", 8 }, { "Heitor", 8 }, { "Davi", 10 }, { "Arthur", 10 },
	{ "Miguel", 10 }, { "Renato", 8 }, { "Edson", 6 }, { "Wellington", 5 }, { "Diego", 10 },
	{ "Alexandre", 12 }, { "João Pedro", 15 }, { "João Paulo", 12 }, { "João Victor", 10 },
	{ "José Carlos", 10 }, { "Luiz Fernando", 6 }, { "Carlos Eduardo", 8 }, { "Íkaro", 2 },
};

static const struct wt female_first[] = {
	{ "Maria", 60 }, { "Ana", 40 }, { "Francisca", 15 }, { "Antônia", 12 }, { "Adriana", 15 },
	{ "Juliana", 18 }, { "Márcia", 15 }, { "Fernanda", 18 }, { "Patrícia", 18 }, { "Aline", 15 },
	{ "Sandra", 12 }, { "Camila", 18 }, { "Amanda", 15 }, { "Bruna", 15 }, { "Jéssica", 12 },
	{ "Letícia", 12 }, { "Júlia", 15 }, { "Luciana", 12 }, { "Vanessa", 12 }, { "Mariana", 15 },
	{ "Gabriela", 15 }, { "Vera", 8 }, { "Vitória", 10 }, { "Larissa", 12 }, { "Cláudia", 12 },
	{ "Beatriz", 15 }, { "Luana", 8 }, { "Rita", 8 }, { "Sônia", 10 }, { "Renata", 12 },
	{ "Eliane", 10 }, { "Simone", 10 }, { "Rosângela", 8 }, { "Débora", 8 }, { "Conceição", 6 },
	{ "Maria da Conceição", 12 }, { "Maria José", 10 }, { "Ana Paula", 14 }, { "Ana Clara", 8 },
	{ "Maria Eduarda", 10 }, { "Helena", 10 }, { "Alice", 10 }, { "Valentina", 6 },
	{ "Laura", 10 }, { "Isabela", 10 }, { "Raquel", 8 }, { "Tânia", 8 }, { "Cristiane", 8 },
	{ "Joana", 8 }, { "Lúcia", 8 }, { "Graça", 4 }, { "Luzia", 5 }, { "Irene", 4 },
	{ "Natália", 10 }, { "Iracema", 2 },
};

static const struct wt surnames[] = {
	{ "Silva", 45 }, { "Santos", 40 }, { "Oliveira", 38 }, { "Souza", 35 }, { "Sousa", 8 },
	{ "Rodrigues", 25 }, { "Ferreira", 25 }, { "Alves", 25 }, { "Pereira", 25 }, { "Lima", 22 },
	{ "Gomes", 20 }, { "Costa", 20 }, { "Ribeiro", 20 }, { "Martins", 18 }, { "Carvalho", 18 },
	{ "Almeida", 16 }, { "Lopes", 15 }, { "Soares", 15 }, { "Fernandes", 15 }, { "Vieira", 15 },
	{ "Barbosa", 15 }, { "Rocha", 14 }, { "Dias", 14 }, { "Nascimento", 14 }, { "Andrade", 13 },
	{ "Moreira", 13 }, { "Nunes", 12 }, { "Marques", 12 }, { "Machado", 12 }, { "Mendes", 12 },
	{ "Freitas", 12 }, { "Cardoso", 11 }, { "Ramos", 11 }, { "Gonçalves", 14 }, { "Santana", 10 },
	{ "Teixeira", 10 }, { "Araújo", 14 }, { "Correia", 9 }, { "Pinto", 9 }, { "Cavalcanti", 8 },
	{ "Magalhães", 7 }, { "Brandão", 6 }, { "Guimarães", 7 }, { "Assunção", 4 }, { "Simões", 6 },
	{ "Conceição", 8 }, { "Silveira", 8 }, { "Monteiro", 8 }, { "Moraes", 9 }, { "Batista", 9 },
	{ "Campos", 8 }, { "Castro", 8 }, { "Azevedo", 7 }, { "Borges", 7 }, { "Pires", 7 },
	{ "Medeiros", 6 }, { "Fonseca", 6 }, { "Sampaio", 5 }, { "Coelho", 7 }, { "Leite", 6 },
	{ "Xavier", 5 }, { "Figueiredo", 5 }, { "Barros", 8 }, { "Reis", 8 }, { "Tavares", 6 },
	{ "Miranda", 6 }, { "Prado", 5 }, { "Peixoto", 4 }, { "Bezerra", 6 }, { "Falcão", 4 },
	{ "Müller", 2 }, { "Schmidt", 2 }, { "Yamamoto", 2 }, { "Nakamura", 2 }, { "Rossi", 3 },
	{ "Bianchi", 2 }, { "D'Ávila", 2 }, { "Cruz", 6 },
};

/* "da Silva", "dos Santos", "de Souza": the particle a surname takes, when it takes one. */
static const char *particle(const char *surname)
{
	static const char *const da[] = { "Silva", "Conceição", "Costa", "Rocha", "Cruz",
					   "Silveira", "Fonseca" };
	static const char *const dos[] = { "Santos", "Reis", "Prazeres" };
	static const char *const de[] = { "Souza", "Sousa", "Oliveira", "Almeida", "Andrade",
					   "Moraes", "Carvalho", "Freitas", "Castro", "Azevedo",
					   "Barros", "Medeiros", "Assunção", "Araújo", "Paula" };
	for (size_t i = 0; i < N(da); i++)
		if (!strcmp(surname, da[i]))
			return "da";
	for (size_t i = 0; i < N(dos); i++)
		if (!strcmp(surname, dos[i]))
			return "dos";
	for (size_t i = 0; i < N(de); i++)
		if (!strcmp(surname, de[i]))
			return "de";
	return NULL;
}

struct business {
	const char *trade;      /* the start of a nome fantasia */
	const char *activity;   /* in the razão social */
	bool services;          /* inscrição municipal rather than estadual */
};

static const struct business businesses[] = {
	{ "Padaria", "Comércio de Pães e Doces", false },
	{ "Mercado", "Comércio de Alimentos", false },
	{ "Supermercado", "Supermercados", false },
	{ "Auto Peças", "Comércio de Peças Automotivas", false },
	{ "Farmácia", "Drogaria e Perfumaria", false },
	{ "Restaurante", "Restaurante e Lanchonete", false },
	{ "Oficina", "Serviços Automotivos", true },
	{ "Papelaria", "Comércio de Artigos de Papelaria", false },
	{ "Ótica", "Comércio de Artigos Ópticos", false },
	{ "Pet Shop", "Comércio de Produtos Veterinários", false },
	{ "Academia", "Atividades de Condicionamento Físico", true },
	{ "Clínica", "Serviços Médicos", true },
	{ "Odonto", "Serviços Odontológicos", true },
	{ "Distribuidora", "Distribuidora de Bebidas", false },
	{ "Construtora", "Construções e Incorporações", true },
	{ "Transportadora", "Transportes e Logística", true },
	{ "Salão", "Serviços de Beleza", true },
	{ "Materiais de Construção", "Comércio de Materiais de Construção", false },
	{ "Contábil", "Serviços Contábeis", true },
	{ "Informática", "Tecnologia da Informação", true },
	{ "Confecções", "Indústria e Comércio de Roupas", false },
	{ "Móveis", "Indústria de Móveis", false },
	{ "Imobiliária", "Negócios Imobiliários", true },
	{ "Agropecuária", "Comércio de Produtos Agropecuários", false },
	{ "Escola", "Serviços Educacionais", true },
	{ "Hotel", "Hotelaria e Turismo", true },
	{ "Açougue", "Comércio de Carnes", false },
	{ "Lavanderia", "Serviços de Lavanderia", true },
};

static const struct wt fancy[] = {
	{ "Horizonte", 10 }, { "Bom Jesus", 8 }, { "São João", 12 }, { "Santa Luzia", 6 },
	{ "Estrela", 8 }, { "Aurora", 6 }, { "Primavera", 6 }, { "Boa Vista", 6 },
	{ "Sol Nascente", 5 }, { "Nova Era", 5 }, { "Central", 8 }, { "Paulista", 5 },
	{ "Ipê", 4 }, { "Jequitibá", 3 }, { "Acácia", 3 }, { "Cristal", 4 }, { "Progresso", 5 },
	{ "União", 6 }, { "Esperança", 5 }, { "Bela Vista", 5 }, { "Três Irmãos", 5 },
	{ "Santo Antônio", 6 }, { "São Jorge", 5 }, { "Nossa Senhora Aparecida", 4 },
	{ "Vitória", 5 }, { "Triunfo", 4 }, { "Real", 4 }, { "Brasil", 5 }, { "Mineira", 3 },
	{ "Gaúcha", 3 }, { "Nordeste", 3 }, { "Atlântico", 3 }, { "Serra Verde", 3 },
	{ "Vale do Sol", 3 }, { "Girassol", 3 }, { "Beija-Flor", 3 }, { "Sabiá", 2 },
	{ "Pantanal", 2 }, { "Pão Dourado", 2 }, { "Ouro Fino", 2 }, { "Itaú", 1 },
};

struct city {
	const char *name, *uf, *ddd;
	unsigned cep_lo, cep_hi;   /* CEP range, as numbers */
	unsigned w;
};

static const struct city cities[] = {
	{ "São Paulo", "SP", "11", 1000000, 5999999, 160 },
	{ "Guarulhos", "SP", "11", 7000001, 7399999, 15 },
	{ "Osasco", "SP", "11", 6000001, 6299999, 10 },
	{ "Campinas", "SP", "19", 13000001, 13139999, 25 },
	{ "Santos", "SP", "13", 11000001, 11099999, 12 },
	{ "Ribeirão Preto", "SP", "16", 14000001, 14114999, 12 },
	{ "Sorocaba", "SP", "15", 18000001, 18109999, 10 },
	{ "São José dos Campos", "SP", "12", 12200001, 12248999, 10 },
	{ "Rio de Janeiro", "RJ", "21", 20000001, 23799999, 70 },
	{ "Niterói", "RJ", "21", 24000001, 24399999, 10 },
	{ "Belo Horizonte", "MG", "31", 30000001, 31999999, 40 },
	{ "Contagem", "MG", "31", 32000001, 32399999, 8 },
	{ "Uberlândia", "MG", "34", 38400001, 38415999, 10 },
	{ "Juiz de Fora", "MG", "32", 36000001, 36099999, 8 },
	{ "Vitória", "ES", "27", 29000001, 29099999, 10 },
	{ "Curitiba", "PR", "41", 80000001, 82999999, 30 },
	{ "Londrina", "PR", "43", 86000001, 86099999, 8 },
	{ "Maringá", "PR", "44", 87000001, 87099999, 7 },
	{ "Florianópolis", "SC", "48", 88000001, 88099999, 12 },
	{ "Joinville", "SC", "47", 89200001, 89239999, 10 },
	{ "Blumenau", "SC", "47", 89000001, 89099999, 7 },
	{ "Porto Alegre", "RS", "51", 90000001, 91999999, 25 },
	{ "Caxias do Sul", "RS", "54", 95000001, 95124999, 8 },
	{ "Pelotas", "RS", "53", 96000001, 96099999, 5 },
	{ "Salvador", "BA", "71", 40000001, 42599999, 25 },
	{ "Feira de Santana", "BA", "75", 44000001, 44099999, 6 },
	{ "Recife", "PE", "81", 50000001, 52999999, 20 },
	{ "Jaboatão dos Guararapes", "PE", "81", 54000001, 54499999, 5 },
	{ "Fortaleza", "CE", "85", 60000001, 61599999, 20 },
	{ "Natal", "RN", "84", 59000001, 59139999, 8 },
	{ "João Pessoa", "PB", "83", 58000001, 58099999, 8 },
	{ "Maceió", "AL", "82", 57000001, 57099999, 7 },
	{ "Aracaju", "SE", "79", 49000001, 49099999, 6 },
	{ "Teresina", "PI", "86", 64000001, 64099999, 6 },
	{ "São Luís", "MA", "98", 65000001, 65109999, 7 },
	{ "Belém", "PA", "91", 66000001, 66999999, 10 },
	{ "Manaus", "AM", "92", 69000001, 69099999, 12 },
	{ "Macapá", "AP", "96", 68900001, 68914999, 3 },
	{ "Boa Vista", "RR", "95", 69300001, 69339999, 2 },
	{ "Rio Branco", "AC", "68", 69900001, 69923999, 2 },
	{ "Porto Velho", "RO", "69", 76800001, 76834999, 3 },
	{ "Palmas", "TO", "63", 77000001, 77270999, 3 },
	{ "Goiânia", "GO", "62", 74000001, 74899999, 15 },
	{ "Anápolis", "GO", "62", 75000001, 75159999, 4 },
	{ "Brasília", "DF", "61", 70000001, 72799999, 25 },
	{ "Campo Grande", "MS", "67", 79000001, 79124999, 7 },
	{ "Cuiabá", "MT", "65", 78000001, 78109999, 7 },
};

static const struct city *pick_city(struct rng *r)
{
	unsigned total = 0;
	for (size_t i = 0; i < N(cities); i++)
		total += cities[i].w;
	unsigned x = below(r, total);
	for (size_t i = 0; i < N(cities); i++) {
		if (x < cities[i].w)
			return &cities[i];
		x -= cities[i].w;
	}
	return &cities[0];
}

/* The CPF's ninth digit: the fiscal region that issued it. */
static char cpf_region(const char *uf)
{
	static const char *const regions[10] = {
		"RS", "DF GO MS MT TO", "AC AM AP PA RO RR", "CE MA PI", "AL PB PE RN", "BA SE",
		"MG", "ES RJ", "SP", "PR SC",
	};
	for (int i = 0; i < 10; i++)
		if (uf && *uf && strstr(regions[i], uf))
			return (char)('0' + i);
	return '8';
}

static const struct wt street_kinds[] = {
	{ "Rua", 70 }, { "Avenida", 18 }, { "Travessa", 4 }, { "Alameda", 4 }, { "Praça", 2 },
	{ "Estrada", 2 },
};

static const char *const street_names[] = {
	"das Flores", "Sete de Setembro", "XV de Novembro", "Tiradentes", "Dom Pedro II",
	"Getúlio Vargas", "Marechal Deodoro", "Barão do Rio Branco", "Santos Dumont",
	"Presidente Vargas", "São João", "Brasil", "Independência", "dos Andradas",
	"Floriano Peixoto", "Quintino Bocaiúva", "Castro Alves", "Machado de Assis",
	"José Bonifácio", "Princesa Isabel", "Visconde de Mauá", "Rui Barbosa", "Duque de Caxias",
	"Benjamin Constant", "das Palmeiras", "dos Ipês", "Padre Anchieta", "Marquês de Pombal",
	"Olavo Bilac", "Cecília Meireles", "Monteiro Lobato", "Anita Garibaldi", "Paraná",
	"Amazonas", "Bahia", "Goiás", "Minas Gerais", "Santa Catarina", "Coronel Fagundes",
	"Doutor Arnaldo", "Capitão Salomão", "Senador Feijó", "General Osório", "Conceição",
};

static const char *const districts[] = {
	"Centro", "Jardim América", "Vila Nova", "Bela Vista", "Boa Vista", "Santa Cruz",
	"São José", "Jardim Europa", "Vila Operária", "Parque Industrial", "Cidade Nova",
	"Alto da Glória", "Jardim das Flores", "Santo Antônio", "Nossa Senhora Aparecida",
	"Jardim Primavera", "Vila Rica", "Jardim Paulista", "Vila Mariana", "Liberdade",
	"Consolação", "Cidade Jardim", "Vila Industrial", "Parque São Jorge", "Jardim Botânico",
	"Morro Alto", "Vila São Luís", "Alto da Boa Vista", "Conjunto Habitacional", "Planalto",
};

static const struct wt mail_domains[] = {
	{ "gmail.com", 45 }, { "hotmail.com", 20 }, { "outlook.com", 10 }, { "yahoo.com.br", 8 },
	{ "uol.com.br", 6 }, { "bol.com.br", 4 }, { "terra.com.br", 3 }, { "icloud.com", 4 },
};

static const char *const company_mailboxes[] = {
	"contato", "contato", "financeiro", "adm", "comercial", "atendimento", "escritorio",
};

static const char *const observations[] = {
	"Cliente desde 2015.",
	"Enviar guias por e-mail até o dia 10.",
	"Prefere contato por WhatsApp.",
	"Pró-labore mensal; folha com 3 funcionários.",
	"Atenção: parcelamento de débitos em andamento.",
	"Documentos entregues pelo sócio às sextas-feiras.",
	"Honorários com desconto até dezembro.",
	"Certificado digital A1 vence em março.",
	"Declaração de IRPF com dependentes; pedir recibos médicos em fevereiro.",
	"Sócio-administrador: falar com a Sra. Conceição.",
};

struct country {
	const char *name, *iso, *city, *street, *mail_domain;
};

static const struct country countries[] = {
	{ "Portugal", "PT", "Lisboa", "Avenida da Liberdade", "sapo.pt" },
	{ "Portugal", "PT", "Porto", "Rua de Santa Catarina", "sapo.pt" },
	{ "Estados Unidos", "US", "Miami", "Brickell Avenue", "gmail.com" },
	{ "Estados Unidos", "US", "Nova York", "Fifth Avenue", "gmail.com" },
	{ "Argentina", "AR", "Buenos Aires", "Avenida Corrientes", "gmail.com" },
	{ "Uruguai", "UY", "Montevidéu", "Avenida 18 de Julio", "gmail.com" },
	{ "Paraguai", "PY", "Assunção", "Avenida Mariscal López", "gmail.com" },
	{ "Itália", "IT", "Milão", "Via Torino", "libero.it" },
	{ "Espanha", "ES", "Madri", "Calle Mayor", "gmail.com" },
	{ "Alemanha", "DE", "Munique", "Leopoldstraße", "gmx.de" },
	{ "França", "FR", "Paris", "Rue de Rivoli", "orange.fr" },
	{ "Japão", "JP", "Tóquio", "Chuo-dori", "gmail.com" },
	{ "Chile", "CL", "Santiago", "Avenida Providencia", "gmail.com" },
	{ "Canadá", "CA", "Toronto", "Yonge Street", "gmail.com" },
};

static const char *const foreign_first[] = {
	"John", "Michael", "Sarah", "Emily", "Lucía", "Martín", "Sofía", "Giulia", "Marco", "Hans",
	"Anna", "Pierre", "Camille", "Hiroshi", "Yuki", "Diego", "Valentina", "Manuel", "Inês",
	"Miguel", "Jürgen", "François",
};

static const char *const foreign_last[] = {
	"Smith", "Johnson", "Williams", "Fernández", "González", "Rodríguez", "Rossi", "Bianchi",
	"Müller", "Schneider", "Dubois", "Martin", "Tanaka", "Suzuki", "García", "López",
	"Ferreira", "Costa", "Brown", "Taylor", "Álvarez", "Moreau",
};

static const char *const foreign_company[] = {
	"Trading LLC", "Imports Inc.", "Holding S.L.", "& Associates Ltd", "Investments LLC",
	"Export S.A.", "GmbH", "S.r.l.",
};

/* ---------------------------------------------------------------- batches */

struct row {
	size_t v[CLIENT_NCOLS];   /* offsets into the batch text, or EMPTY */
	size_t created, updated, deleted;   /* deleted EMPTY: NULL */
	bool trashed, active;
	int64_t id;
};

struct batch {
	struct strbuf text;       /* every value, NUL-terminated, one after another */
	struct row rows[ROWS_PER_INSERT];
	size_t n;
	int err;                  /* -1 once an append failed */
};

struct words {
	struct strbuf text;
	size_t off[WORDS_PER_INSERT];
	int64_t client[WORDS_PER_INSERT];
	size_t n;
	size_t client_first;      /* where the current client's words start (duplicates) */
	int err;
};

struct seeder {
	struct db *db;
	int64_t office;
	struct rng rng;
	uint64_t doc_base;        /* the office's records before the run: the document counter's start */
	uint64_t doc_salt;        /* from the seed */
	int64_t *staff;
	size_t nstaff;
	time_t now;
	int now_year;
	int64_t created_us, updated_us;   /* of the record being made */
	int created_year;
	long count;
	int64_t id_step;          /* @@auto_increment_increment */
	struct batch b;
	struct words w;
	struct strbuf sql;        /* scratch for statement text */
	long words_total;
	double prefix_seconds;   /* spent writing client_prefixes */
	int d_active, d_inactive, d_trashed;   /* for client_counts, per transaction */
};

static const char *val(const struct batch *b, size_t off)
{
	return off == EMPTY ? "" : b->text.buf + off;
}

static void add(struct batch *b, const char *s)
{
	if (sb_puts(&b->text, s) < 0)
		b->err = -1;
}

static void addf(struct batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addf(struct batch *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (sb_vprintf(&b->text, fmt, ap) < 0)
		b->err = -1;
	va_end(ap);
}

/* A value is written with add/addf between start() and end(). */
static size_t start(const struct batch *b)
{
	return b->text.len;
}

static size_t end(struct batch *b, size_t from)
{
	if (sb_append(&b->text, "", 1) < 0)
		b->err = -1;
	return from;
}

static size_t put(struct batch *b, const char *s)
{
	size_t o = start(b);
	add(b, s);
	return end(b, o);
}

/* The folded words of s (lowercase ASCII, accents dropped: what an e-mail address can
 * hold), particles skipped, joined by `joiner`; at most `max` words (0: all). */
struct fold_ctx {
	struct batch *b;
	const char *joiner;
	int n, max;
};

static int fold_one(void *ctx, const char *word, size_t len)
{
	struct fold_ctx *f = ctx;
	static const char *const skip[] = { "da", "de", "do", "das", "dos", "e" };
	for (size_t i = 0; i < N(skip); i++)
		if (strlen(skip[i]) == len && memcmp(skip[i], word, len) == 0)
			return 0;
	if (f->n++)
		add(f->b, f->joiner);
	if (sb_append(&f->b->text, word, len) < 0)
		f->b->err = -1;
	return f->max && f->n >= f->max ? 1 : 0;
}

static void add_folded(struct batch *b, const char *s, const char *joiner, int max)
{
	struct fold_ctx f = { b, joiner, 0, max };
	fold_words(s, strlen(s), fold_one, &f);
}

/* ---------------------------------------------------------------- documents */

static char check_digit(const char *s, const int *w, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (s[i] - '0') * w[i];
	int r = sum % 11;
	return (char)('0' + (r < 2 ? 0 : 11 - r));
}

/* The k-th CPF: 8 digits that are never all equal (the 10 such values are skipped, so
 * the mapping stays one-to-one), the region digit of the UF, the two check digits. */
static void make_cpf(const struct seeder *s, uint64_t k, const char *uf, char out[12])
{
	static const int w1[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2 };
	static const int w2[] = { 11, 10, 9, 8, 7, 6, 5, 4, 3, 2 };
	uint64_t x = spread(k, 100000000u - 10, s->doc_salt);
	for (uint64_t d = 0; d <= 9; d++)
		if (x >= d * 11111111u)
			x++;
	for (int i = 7; i >= 0; i--, x /= 10)
		out[i] = (char)('0' + x % 10);
	out[8] = cpf_region(uf);
	out[9] = check_digit(out, w1, 9);
	out[10] = check_digit(out, w2, 10);
	out[11] = '\0';
}

/* The k-th CNPJ: a numeric root of 8 digits, or an alphanumeric one shaped like the
 * official sample (2 digits, 3 letters, 3 digits: 12ABC345), a branch, two check digits
 * with characters valued ASCII - 48 (IN RFB 2.229/2024). Letters in the root keep the
 * two kinds apart; the root alone is unique per k. */
static void make_cnpj(struct seeder *s, uint64_t k, bool alnum, char out[15])
{
	static const int w1[] = { 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 };
	static const int w2[] = { 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 };
	struct rng *r = &s->rng;
	if (!alnum) {
		uint64_t x = spread(k, 100000000u, s->doc_salt);
		for (int i = 7; i >= 0; i--, x /= 10)
			out[i] = (char)('0' + x % 10);
		memcpy(out + 8, "0001", 4);
		if (per_mille(r, 120))
			out[11] = (char)('2' + below(r, 8));
	} else {
		uint64_t x = spread(k, 1757600000u, s->doc_salt);   /* 10^2 * 26^3 * 10^3 */
		for (int i = 7; i >= 5; i--, x /= 10)
			out[i] = (char)('0' + x % 10);
		for (int i = 4; i >= 2; i--, x /= 26)
			out[i] = (char)('A' + x % 26);
		for (int i = 1; i >= 0; i--, x /= 10)
			out[i] = (char)('0' + x % 10);
		if (per_mille(r, 600)) {
			memcpy(out + 8, "0001", 4);
		} else {
			out[8] = '0';
			out[9] = (char)('1' + below(r, 9));
			out[10] = (char)('A' + below(r, 26));
			out[11] = (char)('A' + below(r, 26));
		}
	}
	out[12] = check_digit(out, w1, 12);
	out[13] = check_digit(out, w2, 13);
	out[14] = '\0';
}

/* ---------------------------------------------------------------- one record */

struct person {
	const char *first, *p1, *s1, *p2, *s2;   /* s1 may be NULL (one surname) */
};

static void make_person(struct rng *r, bool female, struct person *p)
{
	memset(p, 0, sizeof *p);
	p->first = female ? PICK_W(r, female_first) : PICK_W(r, male_first);
	p->s2 = PICK_W(r, surnames);
	if (per_mille(r, 550)) {
		do
			p->s1 = PICK_W(r, surnames);
		while (p->s1 == p->s2);
		if (particle(p->s1) && per_mille(r, 300))
			p->p1 = particle(p->s1);
	}
	if (particle(p->s2) && per_mille(r, 400))
		p->p2 = particle(p->s2);
}

static void add_person(struct batch *b, const struct person *p)
{
	add(b, p->first);
	if (p->s1) {
		add(b, " ");
		if (p->p1)
			addf(b, "%s ", p->p1);
		add(b, p->s1);
	}
	add(b, " ");
	if (p->p2)
		addf(b, "%s ", p->p2);
	add(b, p->s2);
}

static size_t person_email(struct seeder *s, const struct person *p, int birth_year)
{
	struct batch *b = &s->b;
	struct rng *r = &s->rng;
	size_t o = start(b);
	switch (below(r, 6)) {
	case 0:
	case 1:
		add_folded(b, p->first, ".", 1);
		add(b, ".");
		add_folded(b, p->s2, "", 0);
		break;
	case 2:
		add_folded(b, p->first, "", 1);
		add_folded(b, p->s2, "", 0);
		addf(b, "%u", 1 + below(r, 99));
		break;
	case 3:
		add_folded(b, p->first, "_", 0);
		add(b, "_");
		add_folded(b, p->s1 ? p->s1 : p->s2, "", 0);
		break;
	case 4: {   /* the initial: j.silva85 */
		size_t a = b->text.len;
		add_folded(b, p->first, "", 1);
		if (b->err == 0 && b->text.len > a + 1) {
			b->text.len = a + 1;
			b->text.buf[a + 1] = '\0';
		}
		add(b, ".");
		add_folded(b, p->s2, "", 0);
		addf(b, "%02d", birth_year % 100);
		break;
	}
	default:   /* both surnames when there are two */
		add_folded(b, p->first, "", 1);
		add(b, ".");
		if (p->s1) {
			add_folded(b, p->s1, "", 0);
			add(b, ".");
		}
		add_folded(b, p->s2, "", 0);
		break;
	}
	addf(b, "@%s", PICK_W(r, mail_domains));
	return end(b, o);
}

static size_t digits(struct batch *b, struct rng *r, const char *prefix, int n)
{
	size_t o = start(b);
	add(b, prefix);
	for (int i = 0; i < n; i++)
		addf(b, "%c", (char)('0' + (i == 0 ? 1 + below(r, 9) : below(r, 10))));
	return end(b, o);
}

static size_t mobile(struct batch *b, struct rng *r, const char *ddd)
{
	size_t o = start(b);
	addf(b, "%s9%c", ddd, (char)('6' + below(r, 4)));
	for (int i = 0; i < 7; i++)
		addf(b, "%c", (char)('0' + below(r, 10)));
	return end(b, o);
}

static size_t landline(struct batch *b, struct rng *r, const char *ddd)
{
	size_t o = start(b);
	addf(b, "%s%c", ddd, (char)('2' + below(r, 4)));
	for (int i = 0; i < 7; i++)
		addf(b, "%c", (char)('0' + below(r, 10)));
	return end(b, o);
}

static int days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

static size_t date(struct batch *b, struct rng *r, int y)
{
	int m = 1 + (int)below(r, 12);
	int d = 1 + (int)below(r, (unsigned)days_in(y, m));
	size_t o = start(b);
	addf(b, "%04d-%02d-%02d", y, m, d);
	return end(b, o);
}

static size_t instant(struct batch *b, int64_t us)
{
	struct tm tm;
	time_t t = (time_t)(us / 1000000);
	gmtime_r(&t, &tm);
	size_t o = start(b);
	addf(b, "%04d-%02d-%02d %02d:%02d:%02d.%06u", tm.tm_year + 1900, tm.tm_mon + 1,
	     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)(us % 1000000));
	return end(b, o);
}

static void address(struct seeder *s, struct row *w, const struct city *c)
{
	struct batch *b = &s->b;
	struct rng *r = &s->rng;
	unsigned cep = c->cep_lo + below(r, c->cep_hi - c->cep_lo + 1);
	size_t o = start(b);
	addf(b, "%08u", cep);
	w->v[CL_CEP] = end(b, o);
	o = start(b);
	addf(b, "%s %s", PICK_W(r, street_kinds), PICK(r, street_names));
	w->v[CL_STREET] = end(b, o);
	if (per_mille(r, 40))
		w->v[CL_NUMBER] = put(b, "s/n");
	else {
		o = start(b);
		addf(b, "%u", 1 + below(r, below(r, 10) < 7 ? 999 : 3999));
		w->v[CL_NUMBER] = end(b, o);
	}
	if (per_mille(r, 250)) {
		o = start(b);
		switch (below(r, 6)) {
		case 0: addf(b, "Apto %u%u", 1 + below(r, 20), 1 + below(r, 4)); break;
		case 1: addf(b, "Sala %u", 1 + below(r, 1500)); break;
		case 2: addf(b, "Bloco %c", (char)('A' + below(r, 6))); break;
		case 3: addf(b, "Casa %u", 1 + below(r, 9)); break;
		case 4: addf(b, "Loja %u", 1 + below(r, 30)); break;
		default: add(b, "Fundos"); break;
		}
		w->v[CL_COMPLEMENT] = end(b, o);
	}
	w->v[CL_DISTRICT] = put(b, PICK(r, districts));
	w->v[CL_CITY] = put(b, c->name);
	w->v[CL_UF] = put(b, c->uf);
}

static const char *regime(struct rng *r)
{
	static const struct wt regimes[] = {
		{ "simples", 62 }, { "presumido", 23 }, { "real", 8 }, { "imune", 4 }, { "na", 3 },
	};
	return PICK_W(r, regimes);
}

static void make_pf(struct seeder *s, struct row *w, uint64_t k)
{
	struct batch *b = &s->b;
	struct rng *r = &s->rng;
	const struct city *c = pick_city(r);
	struct person p;
	make_person(r, per_mille(r, 520), &p);
	size_t o = start(b);
	add_person(b, &p);
	w->v[CL_NAME] = end(b, o);
	char cpf[12];
	make_cpf(s, k, c->uf, cpf);
	w->v[CL_DOCUMENT] = put(b, cpf);
	int year = s->now_year - 18 - (int)below(r, 68);
	if (per_mille(r, 950))
		w->v[CL_BIRTH] = date(b, r, year);
	if (per_mille(r, 920))
		w->v[CL_EMAIL] = person_email(s, &p, year);
	if (per_mille(r, 50)) {
		o = start(b);
		add_folded(b, p.first, "", 1);
		add(b, ".");
		add_folded(b, p.s2, "", 0);
		addf(b, "@%s", PICK_W(r, mail_domains));
		w->v[CL_OTHER_EMAILS] = end(b, o);
	}
	if (per_mille(r, 900))
		w->v[CL_PHONE_MOBILE] = mobile(b, r, c->ddd);
	if (per_mille(r, 180))
		w->v[CL_PHONE_HOME] = landline(b, r, c->ddd);
	if (per_mille(r, 120))
		w->v[CL_PHONE_WORK] = landline(b, r, c->ddd);
	if (per_mille(r, 970))
		address(s, w, c);
}

static void make_pj(struct seeder *s, struct row *w, uint64_t k)
{
	struct batch *b = &s->b;
	struct rng *r = &s->rng;
	const struct city *c = pick_city(r);
	const struct business *biz = &businesses[below(r, N(businesses))];
	const char *f = PICK_W(r, fancy);
	char cnpj[15];
	make_cnpj(s, k, per_mille(r, 100), cnpj);
	w->v[CL_DOCUMENT] = put(b, cnpj);
	bool mei = per_mille(r, 150);
	struct person owner;
	make_person(r, per_mille(r, 480), &owner);
	const char *s1 = PICK_W(r, surnames), *s2 = PICK_W(r, surnames);

	/* Razão social: an MEI's is the root of its CNPJ and the owner's name. */
	size_t o = start(b);
	if (mei) {
		addf(b, "%.2s.%.3s.%.3s ", cnpj, cnpj + 2, cnpj + 5);
		add_person(b, &owner);
	} else {
		switch (below(r, 20)) {
		case 0: case 1: case 2:
			addf(b, "%s & Filhos %s Ltda", s1, biz->activity);
			break;
		case 3: case 4: case 5: case 6:
			addf(b, "%s %s %s Ltda", s1, s2 == s1 ? "Neto" : s2, biz->activity);
			break;
		case 7: case 8: case 9: case 10: case 11:
			addf(b, "%s %s Ltda", f, biz->activity);
			break;
		case 12: case 13: case 14:
			addf(b, "%s %s ME", biz->trade, f);
			break;
		case 15: case 16:
			addf(b, "%s %s EPP", f, biz->activity);
			break;
		case 17:
			addf(b, "%s & %s %s S.A.", s1, s2 == s1 ? "Irmãos" : s2, biz->activity);
			break;
		default:
			addf(b, "%s %s %s Eireli", owner.first, s1, biz->activity);
			break;
		}
	}
	w->v[CL_NAME] = end(b, o);
	if (per_mille(r, 800)) {
		o = start(b);
		if (mei && per_mille(r, 400))
			addf(b, "%s d%c %s", biz->trade, per_mille(r, 480) ? 'a' : 'o', owner.first);
		else
			addf(b, "%s %s", biz->trade, f);
		w->v[CL_TRADE_NAME] = end(b, o);
	}
	w->v[CL_REGIME] = put(b, mei ? "mei" : regime(r));
	w->v[CL_BIRTH] = date(b, r, s->created_year - 1 - (int)below(r, mei ? 15 : 50));
	if (!biz->services && per_mille(r, 700)) {
		if (per_mille(r, 80))
			w->v[CL_STATE_REG] = put(b, "ISENTO");
		else
			w->v[CL_STATE_REG] = digits(b, r, "", strcmp(c->uf, "SP") ? 9 : 12);
	}
	if (biz->services && per_mille(r, 600))
		w->v[CL_CITY_REG] = digits(b, r, "", 7);

	/* E-mails at the company's domain (the nome fantasia, or the razão social), an
	 * MEI's often a personal address. */
	if (mei && per_mille(r, 600)) {
		if (per_mille(r, 900))
			w->v[CL_EMAIL] = person_email(s, &owner, s->now_year - 30);
	} else if (per_mille(r, 930)) {
		struct strbuf dom = STRBUF_INIT;
		/* The domain: folded words of "trade fancy", joined. */
		size_t d = start(b);
		add_folded(b, biz->trade, "", 0);
		add_folded(b, f, "", 0);
		if (per_mille(r, 200))
			add(b, "br");
		add(b, ".com.br");
		if (b->err == 0 && sb_puts(&dom, b->text.buf + d) < 0)
			b->err = -1;
		if (b->err == 0) {   /* only a scratch: drop it from the arena */
			b->text.len = d;
			b->text.buf[d] = '\0';
		}
		o = start(b);
		addf(b, "%s@%s", PICK(r, company_mailboxes), sb_str(&dom));
		w->v[CL_EMAIL] = end(b, o);
		if (per_mille(r, 300)) {
			o = start(b);
			addf(b, "financeiro@%s", sb_str(&dom));
			if (per_mille(r, 500))
				addf(b, "\nfiscal@%s", sb_str(&dom));
			w->v[CL_OTHER_EMAILS] = end(b, o);
		}
		sb_free(&dom);
	}
	if (per_mille(r, 700))
		w->v[CL_PHONE_WORK] = landline(b, r, c->ddd);
	if (per_mille(r, 800))
		w->v[CL_PHONE_MOBILE] = mobile(b, r, c->ddd);
	if (per_mille(r, 700)) {
		struct person contact;
		make_person(r, per_mille(r, 550), &contact);
		o = start(b);
		add_person(b, mei ? &owner : &contact);
		w->v[CL_CONTACT] = end(b, o);
	}
	address(s, w, c);
}

static void make_ex(struct seeder *s, struct row *w, uint64_t k)
{
	struct batch *b = &s->b;
	struct rng *r = &s->rng;
	const struct country *c = &countries[below(r, N(countries))];
	uint64_t n = spread(k, 1000000000u, s->doc_salt);
	bool company = per_mille(r, 300);
	const char *first = PICK(r, foreign_first), *last = PICK(r, foreign_last);
	size_t o = start(b);
	if (company)
		addf(b, "%s %s", last, PICK(r, foreign_company));
	else
		addf(b, "%s %s", first, last);
	w->v[CL_NAME] = end(b, o);
	o = start(b);
	if (company)
		addf(b, "TAX ID %09llu", (unsigned long long)n);
	else
		addf(b, "%s%09llu", c->iso, (unsigned long long)n);   /* a passport */
	w->v[CL_DOCUMENT] = end(b, o);
	w->v[CL_COUNTRY] = put(b, c->name);
	w->v[CL_REGIME] = put(b, "na");
	if (!company && per_mille(r, 600))
		w->v[CL_BIRTH] = date(b, r, s->now_year - 20 - (int)below(r, 60));
	if (per_mille(r, 900)) {
		o = start(b);
		if (company) {
			add(b, "info@");
			add_folded(b, last, "", 0);
			add(b, ".com");
		} else {
			add_folded(b, first, "", 0);
			add(b, ".");
			add_folded(b, last, "", 0);
			addf(b, "@%s", c->mail_domain);
		}
		w->v[CL_EMAIL] = end(b, o);
	}
	if (per_mille(r, 600)) {
		o = start(b);
		addf(b, "%s, %u", c->street, 1 + below(r, 900));
		w->v[CL_STREET] = end(b, o);
	}
	w->v[CL_CITY] = put(b, c->city);
}

/* The generator checks itself by the rules typed input must pass (lib/doc, lib/valid):
 * a record it makes could be typed into the form as it is. NULL when all is well. */
static const char *row_problem(const struct batch *b, const struct row *w)
{
	char buf[32];
	const char *kind = val(b, w->v[CL_KIND]), *doc = val(b, w->v[CL_DOCUMENT]);
	if (!strcmp(kind, "PF") && !cpf_valid(doc, strlen(doc)))
		return "CPF";
	if (!strcmp(kind, "PJ") && !cnpj_valid(doc, strlen(doc)))
		return "CNPJ";
	for (int c = 0; c < CLIENT_NCOLS; c++) {
		const char *v = val(b, w->v[c]);
		size_t len = strlen(v);
		if (len > client_cols[c].max && client_cols[c].kind != CC_EMAILS)
			return client_cols[c].column;
		if (!len)
			continue;
		switch (client_cols[c].kind) {
		case CC_EMAIL:
			if (!valid_email(v, len))
				return client_cols[c].column;
			break;
		case CC_EMAILS:
			for (const char *p = v; *p;) {
				size_t n = strcspn(p, "\n");
				if (!valid_email(p, n))
					return client_cols[c].column;
				p += n + (p[n] == '\n');
			}
			break;
		case CC_PHONE:
			if (!valid_phone(v, len, buf, sizeof buf) || strcmp(buf, v))
				return client_cols[c].column;
			break;
		case CC_CEP:
			if (!valid_cep(v, len, buf, sizeof buf) || strcmp(buf, v))
				return client_cols[c].column;
			break;
		case CC_UF:
			if (!valid_uf(v, len, buf, sizeof buf) || strcmp(buf, v))
				return client_cols[c].column;
			break;
		case CC_DATE:
			if (!valid_date(v, len, NULL, NULL, NULL))
				return client_cols[c].column;
			break;
		case CC_REGIME:
			if (!*client_regime_label(v))
				return client_cols[c].column;
			break;
		default:
			break;
		}
	}
	return NULL;
}

/* Record i of the run (0-based): its kind, data, flags, dates. */
static void make_row(struct seeder *s, long i)
{
	struct batch *b = &s->b;
	struct rng *r = &s->rng;
	struct row *w = &b->rows[b->n];
	for (int c = 0; c < CLIENT_NCOLS; c++)
		w->v[c] = EMPTY;
	w->deleted = EMPTY;
	uint64_t k = s->doc_base + (uint64_t)i;

	/* Created over the last 3 years in the order of the ids, updated since (in
	 * microseconds). The record's own dates (a company's opening) come before it. */
	const int64_t span = 3 * 365 * 86400 * INT64_C(1000000), now = (int64_t)s->now * 1000000;
	s->created_us = now - span + (int64_t)(((double)i + (double)below(r, 1000) / 1000.0) *
					       (double)span / (double)s->count);
	s->updated_us = s->created_us;
	if (per_mille(r, 600) && now > s->created_us)
		s->updated_us += (int64_t)(rnd(r) % (uint64_t)(now - s->created_us + 1));
	time_t created_t = (time_t)(s->created_us / 1000000);
	struct tm tm;
	gmtime_r(&created_t, &tm);
	s->created_year = tm.tm_year + 1900;

	unsigned kind = below(r, 1000);
	if (kind < 600) {
		w->v[CL_KIND] = put(b, "PF");
		make_pf(s, w, k);
	} else if (kind < 980) {
		w->v[CL_KIND] = put(b, "PJ");
		make_pj(s, w, k);
	} else {
		w->v[CL_KIND] = put(b, "EX");
		make_ex(s, w, k);
	}

	bool client = per_mille(r, 880), supplier = per_mille(r, 70), provider = per_mille(r, 60);
	bool prospect = client ? per_mille(r, 20) : per_mille(r, 500);
	if (!client && !supplier && !provider)
		prospect = true;
	w->active = per_mille(r, 900);
	w->trashed = per_mille(r, 10);
	w->v[CL_IS_CLIENT] = put(b, client ? "1" : "0");
	w->v[CL_IS_SUPPLIER] = put(b, supplier ? "1" : "0");
	w->v[CL_IS_PROVIDER] = put(b, provider ? "1" : "0");
	w->v[CL_IS_PROSPECT] = put(b, prospect ? "1" : "0");
	w->v[CL_ACTIVE] = put(b, w->active ? "1" : "0");
	if (s->nstaff && per_mille(r, 800)) {
		size_t o = start(b);
		addf(b, "%lld", (long long)s->staff[below(r, (unsigned)s->nstaff)]);
		w->v[CL_RESPONSIBLE] = end(b, o);
	}
	if (per_mille(r, 80))
		w->v[CL_OBSERVATION] = put(b, PICK(r, observations));

	w->created = instant(b, s->created_us);
	w->updated = instant(b, s->updated_us);
	if (w->trashed)
		w->deleted = w->updated;
	b->n++;
}

/* ---------------------------------------------------------------- statements */

/* "(?, ?, ..., ?)" rows times, joined by ", ": fixed fragments only. */
static void values_sql(struct strbuf *sql, size_t rows, size_t per_row)
{
	for (size_t i = 0; i < rows; i++) {
		sb_puts(sql, i ? ", (?" : " (?");
		for (size_t j = 1; j < per_row; j++)
			sb_puts(sql, ", ?");
		sb_putc(sql, ')');
	}
}

static struct db_stmt *clients_stmt(struct seeder *s, size_t rows)
{
	sb_reset(&s->sql);
	sb_puts(&s->sql, "INSERT INTO clients (office_id");
	for (int i = 0; i < CLIENT_NCOLS; i++)
		SB_CAT(&s->sql, ", ", client_cols[i].column);
	sb_puts(&s->sql, ", trashed, deleted_at, created_at, updated_at) VALUES");
	values_sql(&s->sql, rows, PARAMS_PER_ROW);
	return s->sql.buf ? db_prepare_text(s->db, s->sql.buf) : NULL;
}

static struct db_stmt *words_stmt(struct seeder *s, size_t rows)
{
	sb_reset(&s->sql);
	sb_puts(&s->sql, "INSERT IGNORE INTO client_words (office_id, word, client_id) VALUES");
	values_sql(&s->sql, rows, 3);
	return s->sql.buf ? db_prepare_text(s->db, s->sql.buf) : NULL;
}

static const char search_text_sql[] =
	"UPDATE clients c JOIN (SELECT client_id, " CLIENT_SEARCH_TEXT " AS s FROM client_words"
	" WHERE client_id BETWEEN ? AND ? GROUP BY client_id) w ON w.client_id = c.id"
	" SET c.search_text = w.s WHERE c.office_id = ?";

/* The words of the batch's clients in the trash say so (schema/006_words_trashed.sql). */
static const char words_trashed_sql[] =
	"UPDATE client_words w JOIN clients c ON c.id = w.client_id SET w.trashed = 1"
	" WHERE c.id BETWEEN ? AND ? AND c.office_id = ? AND c.trashed";

/* Then the beginnings of their words, in name order (schema/009_prefixes.sql). */
static const char prefixes_sql[] =
	"INSERT IGNORE INTO client_prefixes (office_id, trashed, prefix, name, client_id)"
	" SELECT c.office_id, c.trashed, " CLIENT_PREFIX_OF_WORD ", c.name, c.id"
	" FROM client_words w JOIN clients c ON c.id = w.client_id"
	" WHERE w.client_id BETWEEN ? AND ? AND c.office_id = ? AND " CLIENT_PREFIX_WORDS;

static const char last_doc_sql[] = "SELECT document FROM clients WHERE id = ? AND office_id = ?";

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* sql (bound: first id, last id, office) on the clients of a batch. */
static int batch_exec(struct seeder *s, const char *sql, int64_t lo, int64_t hi)
{
	struct db_stmt *st = db_prepare(s->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, lo);
	db_bind_i64(st, 1, hi);
	db_bind_i64(st, 2, s->office);
	return db_exec(st);
}

static int flush_words(struct seeder *s)
{
	struct words *w = &s->w;
	if (w->err < 0)
		return -1;
	if (w->n == 0)
		return 0;
	struct db_stmt *st = words_stmt(s, w->n);
	if (!st)
		return -1;
	for (size_t i = 0; i < w->n; i++) {
		db_bind_i64(st, (unsigned)(3 * i), s->office);
		db_bind_str(st, (unsigned)(3 * i + 1), w->text.buf + w->off[i]);
		db_bind_i64(st, (unsigned)(3 * i + 2), w->client[i]);
	}
	if (db_exec(st) < 0)
		return -1;
	s->words_total += (long)db_affected(st);
	/* The words into the order indexes too, for the clients of this batch. */
	int64_t lo = w->client[0], hi = w->client[0];
	for (size_t i = 1; i < w->n; i++) {
		lo = w->client[i] < lo ? w->client[i] : lo;
		hi = w->client[i] > hi ? w->client[i] : hi;
	}
	if (batch_exec(s, search_text_sql, lo, hi) < 0 || batch_exec(s, words_trashed_sql, lo, hi) < 0)
		return -1;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (batch_exec(s, prefixes_sql, lo, hi) < 0)
		return -1;
	s->prefix_seconds += seconds_since(&t0);
	w->n = 0;
	w->client_first = 0;
	sb_reset(&w->text);
	return 0;
}

struct index_ctx {
	struct seeder *s;
	int64_t id;
};

/* As lib/cadastro/client.c's add_word: each folded word once per client. */
static int index_word(void *ctx, const char *word, size_t len)
{
	struct index_ctx *x = ctx;
	struct words *w = &x->s->w;
	for (size_t i = w->client_first; i < w->n; i++) {
		const char *o = w->text.buf + w->off[i];
		if (strlen(o) == len && memcmp(o, word, len) == 0)
			return 0;
	}
	if (w->n == WORDS_PER_INSERT && flush_words(x->s) < 0)
		return -1;
	w->off[w->n] = w->text.len;
	w->client[w->n] = x->id;
	if (sb_append(&w->text, word, len) < 0 || sb_append(&w->text, "", 1) < 0) {
		w->err = -1;
		return -1;
	}
	w->n++;
	return 0;
}

/* The same columns lib/cadastro/client.c index_words folds. */
static int index_row(struct seeder *s, const struct row *row)
{
	static const int cols[] = { CL_NAME, CL_TRADE_NAME, CL_EMAIL, CL_OTHER_EMAILS, CL_DOCUMENT };
	struct index_ctx x = { s, row->id };
	s->w.client_first = s->w.n;
	for (size_t i = 0; i < N(cols); i++) {
		const char *v = val(&s->b, row->v[cols[i]]);
		if (fold_words(v, strlen(v), index_word, &x) < 0)
			return -1;
	}
	return 0;
}

/* Inserts the batch, learns its ids, queues its words. */
static int flush_clients(struct seeder *s)
{
	struct batch *b = &s->b;
	if (b->err < 0)
		return -1;
	if (b->n == 0)
		return 0;
	struct db_stmt *st = clients_stmt(s, b->n);
	if (!st)
		return -1;
	for (size_t i = 0; i < b->n; i++) {
		const struct row *w = &b->rows[i];
		unsigned p = (unsigned)(i * PARAMS_PER_ROW);
		db_bind_i64(st, p, s->office);
		/* As lib/cadastro/client.c bind_values: empty dates and responsáveis are NULL. */
		for (int c = 0; c < CLIENT_NCOLS; c++) {
			const char *v = val(b, w->v[c]);
			enum client_kind_col k = client_cols[c].kind;
			unsigned at = p + 1 + (unsigned)c;
			if ((k == CC_DATE || k == CC_STAFF) && !*v)
				db_bind_null(st, at);
			else if (k == CC_BOOL || k == CC_STAFF)
				db_bind_i64(st, at, strtoll(v, NULL, 10));
			else
				db_bind_str(st, at, v);
		}
		p += 1 + CLIENT_NCOLS;
		db_bind_i64(st, p, w->trashed);
		if (w->deleted == EMPTY)
			db_bind_null(st, p + 1);
		else
			db_bind_str(st, p + 1, val(b, w->deleted));
		db_bind_str(st, p + 2, val(b, w->created));
		db_bind_str(st, p + 3, val(b, w->updated));
	}
	if (db_exec(st) < 0)
		return -1;
	int64_t first = (int64_t)db_insert_id(st);
	int64_t last = first + (int64_t)(b->n - 1) * s->id_step;
	struct db_stmt *chk = db_prepare(s->db, last_doc_sql);
	if (!chk)
		return -1;
	db_bind_i64(chk, 0, last);
	db_bind_i64(chk, 1, s->office);
	if (db_exec(chk) < 0 || db_fetch(chk) < 0)
		return -1;
	const char *got = db_col(chk, 0);
	if (!got || strcmp(got, val(b, b->rows[b->n - 1].v[CL_DOCUMENT])) != 0) {
		fprintf(stderr, "seed-clients: the ids of a batch are not consecutive (another "
			"writer inserting clients at the same time?): stopped\n");
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		struct row *w = &b->rows[i];
		w->id = first + (int64_t)i * s->id_step;
		if (index_row(s, w) < 0)
			return -1;
		if (w->trashed)
			s->d_trashed++;
		else if (w->active)
			s->d_active++;
		else
			s->d_inactive++;
	}
	b->n = 0;
	sb_reset(&b->text);
	return 0;
}

static const char counts_sql[] =
	"INSERT INTO client_counts (office_id, active, inactive, trashed) VALUES (?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE active = active + VALUES(active),"
	" inactive = inactive + VALUES(inactive), trashed = trashed + VALUES(trashed)";

static int flush_counts(struct seeder *s)
{
	struct db_stmt *st = db_prepare(s->db, counts_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, s->office);
	db_bind_i64(st, 1, s->d_active);
	db_bind_i64(st, 2, s->d_inactive);
	db_bind_i64(st, 3, s->d_trashed);
	if (db_exec(st) < 0)
		return -1;
	s->d_active = s->d_inactive = s->d_trashed = 0;
	return 0;
}

/* ---------------------------------------------------------------- the run */

static const char office_sql[] = "SELECT id FROM offices WHERE slug = ?";
static const char count_sql[] = "SELECT COUNT(*) FROM clients WHERE office_id = ?";
static const char staff_sql[] =
	"SELECT id FROM staff_users WHERE office_id = ? AND active ORDER BY id";
static const char step_sql[] = "SELECT @@auto_increment_increment";

static int64_t office_id(struct db *db, const char *slug)
{
	struct db_stmt *st = db_prepare(db, office_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, slug);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	if (got == 0) {
		fprintf(stderr, "seed-clients: no office \"%s\"\n", slug);
		return -1;
	}
	return db_col_i64(st, 0);
}

static int64_t office_clients(struct db *db, int64_t office)
{
	struct db_stmt *st = db_prepare(db, count_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, office);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0);
}

static int load_staff(struct seeder *s)
{
	struct db_stmt *st = db_prepare(s->db, staff_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, s->office);
	if (db_exec(st) < 0)
		return -1;
	int got;
	size_t cap = 0;
	while ((got = db_fetch(st)) > 0) {
		if (s->nstaff == cap) {
			size_t ncap = cap ? 2 * cap : 8;
			int64_t *p = realloc(s->staff, ncap * sizeof *p);
			if (!p)
				return -1;
			s->staff = p;
			cap = ncap;
		}
		s->staff[s->nstaff++] = db_col_i64(st, 0);
	}
	return got;
}

static int run(struct seeder *s)
{
	struct db_stmt *st = db_prepare(s->db, step_sql);
	if (!st || db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	s->id_step = db_col_i64(st, 0) > 0 ? db_col_i64(st, 0) : 1;
	if (load_staff(s) < 0)
		return -1;
	struct tm tm;
	s->now = time(NULL);
	gmtime_r(&s->now, &tm);
	s->now_year = tm.tm_year + 1900;

	for (long done = 0; done < s->count;) {
		long upto = done + ROWS_PER_TX < s->count ? done + ROWS_PER_TX : s->count;
		if (db_begin(s->db) < 0)
			return -1;
		for (; done < upto; done++) {
			make_row(s, done);
			if (s->b.err < 0)
				goto fail;
			const char *bad = row_problem(&s->b, &s->b.rows[s->b.n - 1]);
			if (bad) {
				fprintf(stderr, "seed-clients: generated an invalid %s (a bug here)\n", bad);
				goto fail;
			}
			if (s->b.n == ROWS_PER_INSERT && flush_clients(s) < 0)
				goto fail;
		}
		if (flush_clients(s) < 0 || flush_words(s) < 0 || flush_counts(s) < 0 ||
		    db_commit(s->db) < 0)
			goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "seed-clients: failed: %s\n", db_error(s->db));
	db_rollback(s->db);
	return -1;
}

int seed_clients(struct db *db, const char *office_slug, long count, unsigned seed)
{
	if (count < 1 || count > SEED_CLIENTS_MAX) {
		fprintf(stderr, "seed-clients: the count must be 1 to %ld\n", SEED_CLIENTS_MAX);
		return -1;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int64_t office = office_id(db, office_slug);
	if (office < 0)
		return -1;
	int64_t before = office_clients(db, office);
	if (before < 0)
		return -1;
	/* The document spaces: 10^8 - 10 CPFs (8 free digits), 10^8 numeric CNPJ roots. */
	if ((uint64_t)before + (uint64_t)count > 99999990u) {
		fprintf(stderr, "seed-clients: the office has too many records to add %ld more\n", count);
		return -1;
	}
	struct seeder *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	s->db = db;
	s->office = office;
	s->count = count;
	s->doc_base = (uint64_t)before;
	s->doc_salt = mix64(seed ^ 0x5EEDC11E);
	s->rng.s = mix64((uint64_t)seed * 0x9E3779B97F4A7C15ull ^ (uint64_t)before);
	int rc = run(s);
	if (rc == 0) {
		double t = seconds_since(&t0);
		printf("seed-clients: %ld clients (%ld search words) into office %s in %.1f s"
		       " (%.0f clients/s; %.1f s of it for their word beginnings)\n", count,
		       s->words_total, office_slug, t, t > 0 ? (double)count / t : 0.0,
		       s->prefix_seconds);
	}
	free(s->staff);
	sb_free(&s->b.text);
	sb_free(&s->w.text);
	sb_free(&s->sql);
	free(s);
	return rc;
}

int seed_clients_if_none(struct db *db, const char *office_slug, long count, unsigned seed)
{
	int64_t office = office_id(db, office_slug);
	if (office < 0)
		return -1;
	int64_t n = office_clients(db, office);
	if (n < 0)
		return -1;
	if (n > 0)
		return 0;
	return seed_clients(db, office_slug, count, seed);
}
