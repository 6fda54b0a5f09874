/*
 * url: the one check of a web address docket writes into its output
 * (docket.yaml's docs_url, the base of SARIF's helpUri; docs/checks.md).
 *
 * Nothing here allocates: the reason is a constant string.
 */
#ifndef DOCKET_URL_H
#define DOCKET_URL_H

/*
 * Why s is not an absolute http or https URL docket can add "#RULE" to,
 * or NULL when it is one.  Accepted: "http://" or "https://" (the scheme
 * in any case), a host (a name, an IPv4 address or an [IPv6] literal)
 * with an optional port of 1 to 65535, then an optional path and query,
 * of the characters RFC 3986 allows ("%" only before two hex digits).
 * Refused: any other scheme, a missing host, a user name or password
 * ("user@"; the URL is published in every report), a fragment ("#":
 * docket adds the rule's), spaces, control characters and non-ASCII
 * characters (percent-encode them).  The reason completes a sentence
 * naming the value: "'ftp://x' <reason>".
 */
const char *url_http_problem(const char *s);

#endif
