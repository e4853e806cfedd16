/* classify.c - the built-in rules, and a text's category and event. */
#include "classify.h"

#include <stdlib.h>
#include <string.h>

/* One line each (C caps the length of a string literal); kept in the order
 * of classify.h and of classify(1), which lists them. */
static const char *const builtin[] = {
	"# Built-in classify rules: category<TAB>PCRE2 pattern, first match wins.\n",
	"# Compiled caseless, UTF and UCP: accents and case are handled by PCRE2;\n",
	"# the classes like [ée] accept the forms typed without accents.\n",
	"\n",
	"# insolvency: a collective proceeding suspends individual collection.\n",
	"insolvency\t\\b(?:redressement|liquidation)\\s+judiciaire\\b\n",
	"insolvency\t\\bproc[ée]dure\\s+(?:collective|de\\s+sauvegarde|de\\s+redressement|de\\s+liquidation)\\b\n",
	"insolvency\t\\b(?:mandataire|administrateur|liquidateur)\\s+judiciaire\\b\n",
	"insolvency\t\\ben\\s+(?:liquidation|redressement|sauvegarde|cessation\\s+des\\s+paiements)\\b\n",
	"insolvency\t\\b(?:cessation\\s+des\\s+paiements|d[ée]p[ôo]t\\s+de\\s+bilan|d[ée]pos[ée]\\s+(?:le|son|notre)\\s+bilan)\\b\n",
	"insolvency\t\\b(?:dossier|commission|plan|proc[ée]dure)\\s+de\\s+surendettement\\b\n",
	"insolvency\t(?<!\\bnot\\s)(?<!n['’]t\\s)(?<!\\bnot\\sgoing\\s)\\b(?:bankrupt(?:cy)?|insolven(?:t|cy))\\b\n",
	"insolvency\t\\b(?:chapter\\s+(?:7|11|13)|receivership|liquidator|official\\s+receiver)\\b\n",
	"insolvency\t\\b(?:in|into|entered)\\s+(?:liquidation|administration)\\b\n",
	"insolvency\t\\badministrators?\\s+(?:have\\s+been\\s+|has\\s+been\\s+|were\\s+|was\\s+)?appointed\\b\n",
	"\n",
	"# wrong_contact: the message reached someone else.\n",
	"wrong_contact\t\\bmauvais(?:e)?\\s+(?:adresse|destinataire|personne|interlocuteur|contact|num[ée]ro(?!\\s+de\\s+(?:facture|commande|client)))\\b\n",
	"wrong_contact\t\\bn['’]\\s*(?:habite|r[ée]side)\\s+(?:plus|pas)\\b\n",
	"wrong_contact\t\\b(?:NPAI|destinataire\\s+inconnu|inconnue?\\s+[àa]\\s+cette\\s+adresse)\\b\n",
	"wrong_contact\t\\bne\\s+(?:travaille|fait)\\s+plus\\s+(?:ici|chez|partie|dans|pour)\\b\n",
	"wrong_contact\t\\b(?:tromp[ée]s?\\s+de\\s+(?:personne|destinataire|num[ée]ro|adresse)|pas\\s+la\\s+bonne\\s+(?:personne|adresse))\\b\n",
	"wrong_contact\t\\bwrong\\s+(?:number|address|person|recipient|contact|e-?mail)\\b\n",
	"wrong_contact\t\\b(?:no\\s+longer|doesn['’]t|does\\s+not|don['’]t|do\\s+not)\\s+(?:lives?|works?|resides?)\\s+(?:here|at|for|with)\\b\n",
	"wrong_contact\t\\b(?:moved\\s+away|left\\s+the\\s+company|unknown\\s+at\\s+this\\s+address|return(?:ed)?\\s+to\\s+sender|not\\s+the\\s+right\\s+person)\\b\n",
	"\n",
	"# already_paid: reminding someone who has paid is the worst mistake.\n",
	"already_paid\t\\bd[ée]j[àa]\\s+(?:[ée]t[ée]\\s+)?(?:pay[ée]|r[ée]gl[ée]|vers[ée]|sold[ée])e?s?\\b\n",
	"already_paid\t\\bd[ée]j[àa]\\s+(?:fait|effectu[ée]|envoy[ée]|pass[ée])\\s+(?:le|un|mon|notre|ce)\\s+(?:virement|paiement|r[èe]glement|ch[èe]que)\\b\n",
	"already_paid\t\\b(?:virement|paiement|r[èe]glement|pr[ée]l[èe]vement|ch[èe]que)\\s+(?:(?:a\\s+[ée]t[ée]|est|bien|d[ée]j[àa])\\s+){0,3}(?:effectu[ée]|fait|envoy[ée]|pass[ée]|parti|r[ée]alis[ée]|[ée]mis|post[ée]|exp[ée]di[ée]|en\\s+cours)\\b\n",
	"already_paid\t\\b(?:j['’]ai|nous\\s+avons|on\\s+a)\\s+(?:bien\\s+|d[ée]j[àa]\\s+)?(?:pay[ée]|r[ée]gl[ée]|vers[ée]|vir[ée]|sold[ée]|envoy[ée]\\s+(?:le|un|notre|mon)\\s+(?:ch[èe]que|virement|paiement|r[èe]glement))\\b\n",
	"already_paid\t\\b(?:facture|montant|somme|solde)s?\\s+(?:a\\s+[ée]t[ée]\\s+|ont\\s+[ée]t[ée]\\s+|est\\s+|sont\\s+)?(?:d[ée]j[àa]\\s+|bien\\s+)?(?:r[ée]gl[ée]|pay[ée]|sold[ée])e?s?\\b\n",
	"already_paid\t\\b(?:preuve|justificatif|avis)\\s+de\\s+(?:paiement|virement|r[èe]glement)\\b\n",
	"already_paid\t\\balready\\s+(?:been\\s+)?(?:paid|settled|transferred|wired)\\b\n",
	"already_paid\t\\balready\\s+(?:sent|made|mailed|posted)\\s+(?:you\\s+)?(?:the\\s+|a\\s+|our\\s+|my\\s+)?(?:payment|cheque|check|transfer|money)\\b\n",
	"already_paid\t\\b(?:payment|transfer|cheque|check|remittance)\\s+(?:was\\s+|has\\s+been\\s+|have\\s+been\\s+|already\\s+)?(?:sent|made|done|issued|mailed|completed|processed|posted)\\b\n",
	"already_paid\t\\b(?:i|we|i['’]ve|we['’]ve|i\\s+have|we\\s+have)\\s+(?:already\\s+)?(?:paid|settled|transferred|wired)\\b\n",
	"already_paid\t\\b(?:has|have|was|were)\\s+(?:already\\s+)?(?:been\\s+)?(?:paid|settled)\\b\n",
	"already_paid\t(?<!\\bbe\\s)\\b(?:paid|settled)\\s+(?:on|in\\s+full|last|yesterday|this\\s+morning)\\b\n",
	"already_paid\t\\b(?:proof\\s+of\\s+payment|remittance\\s+advice)\\b\n",
	"\n",
	"# dispute: the invoice is contested; a conditional promise is a dispute.\n",
	"dispute\t(?<!\\bpas\\sde\\s)(?<!\\baucun\\s)(?<!\\bsans\\s)\\blitiges?\\b\n",
	"dispute\t(?<!\\bpas\\s)\\bcontest(?:e|es|ent|ons|ez|[ée]|[ée]e|[ée]s|[ée]es|ation|ations)\\b(?!\\s+pas\\b)\n",
	"dispute\t(?<!\\bnot\\s)(?<!n['’]t\\s)(?<!\\bno\\s)\\bdisput(?:e|es|ed|ing)\\b\n",
	"dispute\t\\b(?:pas|jamais|non|rien)\\s+(?:encore\\s+)?(?:re[çc]u|livr[ée]|arriv[ée])e?s?\\b\n",
	"dispute\t\\berreurs?\\s+(?:de|sur\\s+(?:la|le|les)|dans\\s+(?:la|le|les))\\s+(?:facturation|factures?|montants?|prix|tarifs?|commandes?|quantit[ée]s?)\\b\n",
	"dispute\t\\b(?:factures?|montants?|prix|tarifs?)\\s+(?:erron[ée]e?s?|faux|fausses?|incorrecte?s?|injustifi[ée]e?s?)\\b\n",
	"dispute\t\\b(?:mauvais\\s+(?:montant|prix|tarif)|ne\\s+correspond\\s+pas|non\\s+conformes?|factur[ée]e?s?\\s+(?:deux|2)\\s+fois|double\\s+facturation)\\b\n",
	"dispute\t\\b(?:d[ée]fectueu(?:x|se|ses)|endommag[ée]e?s?|ab[îi]m[ée]e?s?|cass[ée]e?s?)\\b\n",
	"dispute\t\\b(?:r[ée]clamations?|d[ée]saccords?)\\b\n",
	"dispute\t\\b(?:un|d['’]un|cet|votre|notre)\\s+avoir\\b\n",
	"dispute\t\\b(?:refuse|refusons|refusez)\\s+de\\s+(?:payer|r[ée]gler)\\b\n",
	"dispute\t\\bne\\s+(?:paierai|paierons|payerai|payerons|r[ée]glerai|r[èe]glerai|r[ée]glerons|r[èe]glerons)\\s+pas\\b\n",
	"dispute\t\\bne\\s+(?:vais|allons)\\s+pas\\s+(?:payer|r[ée]gler)\\b\n",
	"dispute\t(?:\\b(?:not|never)|n['’]t)\\s+(?:yet\\s+)?(?:received?|delivered|arrived?)\\b\n",
	"dispute\t\\b(?:wrong|incorrect|inaccurate)\\s+(?:amounts?|prices?|invoices?|bills?|quantit(?:y|ies)|rates?|charges?)\\b\n",
	"dispute\t\\b(?:billing|invoice|invoicing|pricing)\\s+(?:error|mistake)s?\\b\n",
	"dispute\t\\b(?:overcharged|double[- ]billed|billed\\s+twice|charged\\s+twice|invoiced\\s+twice)\\b\n",
	"dispute\t\\b(?:defective|damaged|faulty|not\\s+as\\s+described|not\\s+what\\s+(?:we|i)\\s+ordered|credit\\s+note|refund)\\b\n",
	"dispute\t\\b(?:refuse\\s+to|won['’]t|will\\s+not)\\s+pay\\b\n",
	"dispute\t\\b(?:complaint|disagree|do\\s+not\\s+agree|don['’]t\\s+agree)\\b\n",
	"\n",
	"# promise: a dated commitment says more than the hardship around it.\n",
	"promise\t\\bje\\s+(?:vous\\s+)?(?:paierai|payerai|r[ée]glerai|r[èe]glerai|verserai|virerai|ferai\\s+(?:le|un)\\s+(?:virement|paiement|r[èe]glement))\\b\n",
	"promise\t\\bnous\\s+(?:vous\\s+)?(?:paierons|payerons|r[ée]glerons|r[èe]glerons|verserons|virerons|ferons\\s+(?:le|un)\\s+(?:virement|paiement|r[èe]glement))\\b\n",
	"promise\t\\b(?:je\\s+vais|nous\\s+allons|on\\s+va)\\s+(?:vous\\s+)?(?:payer|r[ée]gler|verser|faire\\s+(?:le|un)\\s+(?:virement|paiement|r[èe]glement)|proc[ée]der\\s+au\\s+(?:paiement|r[èe]glement|virement))\\b\n",
	"promise\t\\b(?:paiement|virement|r[èe]glement|pr[ée]l[èe]vement|versement)\\s+(?:est\\s+|sera\\s+)?(?:pr[ée]vu|programm[ée]|planifi[ée])\\b\n",
	"promise\t\\b(?:paiement|virement|r[èe]glement|versement)\\s+(?:sera|va\\s+[êe]tre)\\s+(?:effectu[ée]|fait|envoy[ée]|r[ée]alis[ée]|[ée]mis)\\b\n",
	"promise\t\\b(?:vous\\s+serez\\s+(?:pay[ée]|r[ée]gl[ée])s?|facture\\s+sera\\s+(?:r[ée]gl[ée]e|pay[ée]e)|promets\\s+de\\s+(?:payer|r[ée]gler))\\b\n",
	"promise\t\\b(?:i|we)\\s*(?:will|['’]ll|shall)\\s+(?:pay|settle|transfer|wire|send\\s+(?:the\\s+|a\\s+)?(?:payment|money|funds|cheque|check)|make\\s+(?:the\\s+|a\\s+)?payment)\\b\n",
	"promise\t\\bwill\\s+(?:be\\s+)?(?:pay|paid|settle|settled|transferred)\\s+(?:on|by|before|next|this|tomorrow|at|within|in)\\b\n",
	"promise\t\\bpayment\\s+(?:is\\s+|has\\s+been\\s+)?(?:scheduled|planned|arranged|booked)\\b\n",
	"promise\t\\bpayment\\s+will\\s+be\\s+(?:made|sent|done|processed|issued)\\b\n",
	"promise\t\\b(?:promise|promised|commit)\\s+to\\s+pay\\b\n",
	"\n",
	"# hardship: the debtor cannot pay now.\n",
	"hardship\t(?<!\\bpas\\sde\\s)(?<!\\baucune\\s)(?<!\\bsans\\s)\\bdifficult[ée]s?\\b\n",
	"hardship\t\\b(?:ch[ôo]mage|licenci[ée]e?|perdu\\s+(?:mon|son|notre)\\s+(?:emploi|travail|job|poste))\\b\n",
	"hardship\t\\b(?:ne\\s+(?:peux|peut|pouvons|pourrai|pourrons|pourra)\\s+pas|ne\\s+(?:vais|allons)\\s+pas\\s+pouvoir|impossible\\s+de|incapable\\s+de|dans\\s+l['’]impossibilit[ée]\\s+de)\\s+(?:encore\\s+)?(?:vous\\s+)?(?:payer|r[ée]gler|honorer)\\b\n",
	"hardship\t\\b(?:pas|plus)\\s+les\\s+moyens\\b\n",
	"hardship\t\\b(?:probl[èe]mes?|soucis|tensions?)\\s+(?:financiers?|financi[èe]res?|de\\s+tr[ée]sorerie|d['’]argent)\\b\n",
	"hardship\t\\b(?:tr[ée]sorerie\\s+(?:tendue|difficile)|fins\\s+de\\s+mois\\s+difficiles)\\b\n",
	"hardship\t\\b(?:malade|maladie|hospitalis[ée]e?|h[ôo]pital|d[ée]c[èe]s|divorce|arr[êe]t\\s+maladie|invalidit[ée])\\b\n",
	"hardship\t\\b(?:lost\\s+(?:my|his|her|our)\\s+job|laid\\s+off|unemployed|made\\s+redundant|out\\s+of\\s+work|jobless)\\b\n",
	"hardship\t\\b(?:can(?:\\s*not|['’]t)|unable\\s+to|not\\s+able\\s+to|won['’]t\\s+be\\s+able\\s+to|will\\s+not\\s+be\\s+able\\s+to|couldn['’]t|could\\s+not)\\s+(?:afford|pay)\\b\n",
	"hardship\t\\b(?:financial|money|cash[- ]?flow)\\s+(?:difficult(?:y|ies)|problems?|issues?|troubles?|hardship)\\b\n",
	"hardship\t\\b(?:hardship|struggling|hard\\s+times|short\\s+of\\s+(?:cash|money)|tight\\s+on\\s+money)\\b\n",
	"hardship\t\\b(?:sick|illness|hospital|hospitali[sz]ed|bereavement|passed\\s+away)\\b\n",
};

char *dn_classify_builtin_text(void)
{
	size_t i, n = 1, o = 0;
	char *s;

	for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		n += strlen(builtin[i]);
	if ((s = malloc(n)) == NULL)
		return NULL;
	for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
		size_t k = strlen(builtin[i]);
		memcpy(s + o, builtin[i], k);
		o += k;
	}
	s[o] = '\0';
	return s;
}

dn_patterns *dn_classify_rules(const dn_config *cfg, dn_error *e)
{
	dn_patterns *ps;
	char *path;

	if (cfg == NULL || dn_config_get(cfg, "classify", "rules") == NULL) {
		char *text = dn_classify_builtin_text();
		if (text == NULL) {
			dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			return NULL;
		}
		ps = dn_patterns_from_text(text, DN_CLASSIFY_BUILTIN_NAME, e);
		free(text);
		return ps;
	}
	if ((path = dn_config_path(cfg, "classify", "rules")) == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	ps = dn_patterns_load(path, e);
	free(path);
	return ps;
}

int dn_classify_field(const dn_csv_reader *rd, const dn_config *cfg, const char *field,
		      dn_error *e)
{
	const char *name = dn_config_column(cfg, field);
	const dn_row *h = dn_csv_header(rd);
	int i = dn_csv_find(rd, name);
	char d;

	if (i >= 0)
		return i;
	d = dn_csv_guess_delimiter(rd);
	if (d != 0)
		dn_error_set(e, DN_EX_DATAERR,
			     "missing column (the file seems to use %s: [input] delimiter = %s)",
			     dn_delimiter_name(d), dn_delimiter_name(d));
	else
		dn_error_set(e, DN_EX_DATAERR, "missing column");
	dn_error_where(e, h->file, h->line);
	dn_error_subject(e, "column", name);
	return -1;
}

int dn_classify_text(const dn_patterns *rules, const char *text, size_t len, dn_verdict *v,
		     dn_error *e)
{
	long i;

	*v = (dn_verdict){.rule = -1}; /* set on every path, a failure included */
	i = dn_patterns_first(rules, text, len, &v->start, &v->end, e);
	if (i == -2)
		return e->status;
	v->rule = i;
	v->category = i >= 0 ? dn_patterns_category(rules, (size_t)i) : NULL;
	if (i < 0)
		v->start = v->end = 0;
	return 0;
}

dn_event dn_classify_event(const char *category)
{
	static const struct {
		const char *category;
		dn_event event;
	} map[] = {
		{"dispute", DN_EV_DISPUTE},
		{"promise", DN_EV_PROMISE},
		{"already_paid", DN_EV_CLAIM_PAID},
		{"wrong_contact", DN_EV_WRONG_CONTACT},
		{"insolvency", DN_EV_INSOLVENCY},
	};
	size_t i;

	if (category != NULL)
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(category, map[i].category) == 0)
				return map[i].event;
	return DN_EV_MESSAGE_IN;
}
