/*
 * Unit tests for core/url: which documentation URLs docket.yaml's
 * docs_url accepts (SARIF's helpUri is it plus "#RULE"), and the reason
 * given for each kind it refuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/url.h"

static void
accepts(const char *s)
{
	const char *why = url_http_problem(s);

	if (why)
		print_error("'%s' refused: %s\n", s, why);
	assert_null(why);
}

/* Refused, with a reason that contains want. */
static void
refuses(const char *s, const char *want)
{
	const char *why = url_http_problem(s);

	if (!why || !strstr(why, want))
		print_error("'%s': got %s, wanted a reason with '%s'\n", s,
			    why ? why : "(accepted)", want);
	assert_non_null(why);
	assert_non_null(strstr(why, want));
}

static void
test_accepted(void **state)
{
	(void)state;
	accepts("https://wiki.example.com/docket-rules");
	accepts("http://intranet/rules");
	accepts("HTTPS://Example.COM");
	accepts("https://example.com/");
	accepts("https://example.com:8443/team/rules.html");
	accepts("https://example.com/rules?page=docket&v=2");
	accepts("https://example.com/a%20b/r%C3%A9gles");
	accepts("https://192.0.2.7/rules");
	accepts("https://[2001:db8::1]:8080/rules");
	accepts("https://example.com/wiki/Docket_(rules);v=1/~team/x,y*z!$'+@:");
}

static void
test_scheme_and_host(void **state)
{
	(void)state;
	refuses("", "not an http:// or https:// URL");
	refuses("ftp://example.com/rules", "not an http:// or https:// URL");
	refuses("www.example.com/rules", "not an http:// or https:// URL");
	refuses("https:/example.com", "not an http:// or https:// URL");
	refuses("javascript://example.com/%0Aalert(1)", "not an http:// or https:// URL");
	refuses("https://", "has no host");
	refuses("https:///rules", "has no host");
	refuses("https://?q", "has no host");
	refuses("https://:443/rules", "has no host");
	refuses("https://user:secret@example.com/rules", "user or password");
	refuses("https://me@example.com", "user or password");
	accepts("https://exa_mple.com/");   /* RFC 3986 reg-name: unreserved and sub-delims */
}

static void
test_port(void **state)
{
	(void)state;
	refuses("https://example.com:/rules", "port");
	refuses("https://example.com:0/rules", "port");
	refuses("https://example.com:65536/rules", "port");
	refuses("https://example.com:123456/rules", "port");
	refuses("https://example.com:80a/rules", "port");
	refuses("https://example.com:8:8/rules", "port");
	accepts("https://example.com:65535/rules");
	accepts("https://example.com:1");
}

static void
test_ipv6(void **state)
{
	(void)state;
	refuses("https://[2001:db8::1/rules", "closing ']'");
	refuses("https://[]/rules", "closing ']'");
	refuses("https://[2001:zz8::1]/rules", "IPv6");
	refuses("https://[::1]x/rules", "host name cannot hold");
	refuses("https://ex[ample.com/rules", "host name cannot hold");
}

static void
test_characters(void **state)
{
	(void)state;
	refuses("https://example.com/rules#max-effort", "fragment");
	refuses("https://example.com/#", "fragment");
	refuses("https://example.com/my rules", "space");
	refuses("https://exa mple.com/rules", "space");
	refuses("https://example.com/rules\n", "control character");
	refuses("https://example.com/\trules", "control character");
	refuses("https://example.com/\x7f", "control character");
	refuses("https://example.com/r\xc3\xa8gles", "non-ASCII");
	refuses("https://b\xc3\xbc" "cher.example/", "non-ASCII");
	refuses("https://example.com/100%", "'%'");
	refuses("https://example.com/%zz", "'%'");
	refuses("https://example.com/%4", "'%'");
	refuses("https://exa%2.com/", "'%'");
	refuses("https://example.com/<script>", "unencoded");
	refuses("https://example.com/a\"b", "unencoded");
	refuses("https://example.com/a{b}", "unencoded");
	refuses("https://example.com/a|b", "unencoded");
	refuses("https://example.com/a\\b", "unencoded");
	refuses("https://example.com/a[1]", "unencoded");
	refuses("https://example.com/a`b", "unencoded");
	refuses("https://example.com/a^b", "unencoded");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_scheme_and_host),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
