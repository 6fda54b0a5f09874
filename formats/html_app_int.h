/*
 * html_app_int: what the parts of formats/html_app*.c share (internal;
 * see formats/html_app.h).
 *
 * A struct app_shell is the export's rendering context (formats/
 * html_int.h) set up for a served page: app_begin opens the page (the
 * export's shell in app mode, the flash message, the live region the
 * script writes to) and app_end closes it.
 */
#ifndef DOCKET_HTML_APP_INT_H
#define DOCKET_HTML_APP_INT_H

#include "formats/html_app.h"
#include "formats/html_int.h"

struct app_shell {
	struct html_opts o;
	struct hx h;
};

void app_begin(struct sbuf *sb, struct app_shell *s, const struct app_page *p,
	       const char *section, const char *title);
void app_end(struct sbuf *sb, struct app_shell *s);
/* Hidden inputs: the session's form token; name=value. */
void app_token(struct sbuf *sb, const struct app_page *p);
void app_hidden(struct sbuf *sb, const char *name, const char *value);
/* The version of the item's file ("" when unknown). */
const char *app_version(const struct app_page *p, const struct item *it);
/* The message about field, or NULL. */
const char *app_error_for(const struct app_form *f, const char *field);
/* The messages that concern no field, and the conflict panel. */
void app_form_errors(struct sbuf *sb, const struct app_form *f);
/* <p class="ferr"> for field, when there is a message. */
void app_field_error(struct sbuf *sb, const struct app_form *f,
		     const char *field);
/* A labelled text input (value: the current one; the form's wins). */
void app_input(struct sbuf *sb, const struct app_form *f, const char *name,
	       const char *label, const char *value, const char *attrs);
/* A labelled select of choices (labels may be NULL). */
void app_select(struct sbuf *sb, const struct app_form *f, const char *name,
		const char *label, const char *value,
		const char *const *choices, const char *const *labels,
		size_t n);

/* html_app_js.c: the app's own styles, after the export's */
extern const char *const app_css_extra[];   /* pieces, NULL-ended */

#endif
