/*
 * html_style.c: the CSS of every exported page and the filter script of
 * index.html.  System fonts, no external asset; the layout switches to
 * cards under 760px (phones) and drops navigation and filters in print.
 */
#include "formats/html_int.h"

const char *const hx_css[] = {
":root{--bg:#f5f6fa;--card:#fff;--ink:#14162b;--muted:#5f6577;--line:#e3e5ee;"
"--accent:#4338ca;--accent2:#6d28d9;--band:#1e1b4b;--ok:#15803d;--bad:#b91c1c;"
"--warn:#b45309;--radius:12px;--shadow:0 1px 2px rgba(20,22,43,.06),0 4px 14px rgba(20,22,43,.05);"
"color-scheme:light}\n"
"*,*::before,*::after{box-sizing:border-box}\n"
"[hidden]{display:none!important}\n"
"html{-webkit-text-size-adjust:100%}\n"
"body{margin:0;background:var(--bg);color:var(--ink);"
"font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Noto Sans\",sans-serif}\n"
"a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}\n"
"code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\",monospace;font-size:.9em}\n"
".wrap{max-width:1240px;margin:0 auto;padding:0 24px}\n",
/* the top band */
".top{background:linear-gradient(120deg,var(--band),#3730a3 70%,#5b21b6);color:#fff;padding:22px 0 0}\n"
".top a{color:#fff}\n"
".brand{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}\n"
".brand h1{margin:0;font-size:26px;letter-spacing:-.01em;font-weight:700}\n"
".brand .kicker{font-size:12px;text-transform:uppercase;letter-spacing:.12em;opacity:.75}\n"
".top .meta{margin:4px 0 0;opacity:.8;font-size:13px}\n"
".top nav{display:flex;gap:4px;margin-top:16px;overflow-x:auto;scrollbar-width:none}\n"
".top nav a{padding:10px 14px;border-radius:10px 10px 0 0;font-weight:600;font-size:14px;"
"white-space:nowrap;opacity:.85}\n"
".top nav a:hover{background:rgba(255,255,255,.12);text-decoration:none;opacity:1}\n"
".top nav a.here{background:var(--bg);color:var(--ink);opacity:1}\n"
"main.wrap{padding-top:28px;padding-bottom:40px}\n"
"section{margin:0 0 44px;scroll-margin-top:12px}\n"
"h2{font-size:21px;margin:0 0 4px;letter-spacing:-.01em}\n"
"h2 .sub{font-weight:500;color:var(--muted);font-size:15px;margin-left:8px}\n"
".lead{color:var(--muted);margin:0 0 16px;max-width:70ch}\n"
".muted{color:var(--muted)}.small{font-size:13px}\n"
".card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow)}\n",
/* summary figures */
".stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:14px;margin-bottom:36px}\n"
".stat{padding:16px 18px}\n"
".stat .label{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-weight:600}\n"
".stat .value{font-size:30px;font-weight:700;letter-spacing:-.02em;margin:2px 0;font-variant-numeric:tabular-nums}\n"
".stat .value small{font-size:15px;font-weight:600;color:var(--muted);margin-left:4px}\n"
".stat .note{font-size:13px;color:var(--muted)}\n"
/* bars */
".bar{height:8px;border-radius:99px;background:#e7e8f2;overflow:hidden;margin:8px 0 4px;"
"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
".bar>span{display:block;height:100%;border-radius:99px;background:linear-gradient(90deg,var(--accent),var(--accent2))}\n"
".bar.ok>span{background:linear-gradient(90deg,#16a34a,#22c55e)}\n",
/* badges */
".badge{display:inline-block;padding:2px 9px;border-radius:99px;font-size:12px;font-weight:600;"
"line-height:18px;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
".s-idea{background:#eef0f4;color:#4b5263}.s-ready{background:#dbeafe;color:#1d4ed8}"
".s-planned{background:#ede9fe;color:#6d28d9}.s-doing{background:#fef3c7;color:#a16207}"
".s-blocked{background:#fee2e2;color:#b91c1c}.s-done{background:#dcfce7;color:#15803d}"
".s-stopped{background:#f1f1f3;color:#6b7280;text-decoration:line-through}.s-unknown{background:#eee;color:#555}\n"
".r-won{background:#16a34a;color:#fff}.r-lost{background:#dc2626;color:#fff}"
".r-inconclusive{background:#64748b;color:#fff}.r-running{background:#fef3c7;color:#a16207}"
".r-none{background:#eef0f4;color:#4b5263}\n"
".mvl{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.06em;color:#fff;"
"background:#db2777;border-radius:4px;padding:0 5px;margin-right:6px;vertical-align:1px;"
"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
".tag{display:inline-block;font-size:12px;color:#3f3d99;background:#eef0ff;border-radius:6px;"
"padding:0 7px;margin:3px 4px 0 0}\n"
".type{font-size:13px;color:var(--muted)}\n",
/* filters */
".filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;padding:12px;margin-bottom:12px}\n"
".filters input,.filters select{font:inherit;font-size:14px;padding:7px 10px;border:1px solid #cfd3e0;"
"border-radius:8px;background:#fff;color:var(--ink);min-width:0}\n"
".filters input{width:100%}\n"
".filters label{display:flex;flex-direction:column;font-size:11px;font-weight:600;color:var(--muted);"
"text-transform:uppercase;letter-spacing:.06em;gap:3px}\n"
".filters label.grow{flex:1 1 240px}\n"
".filters .count{margin-left:auto;font-size:13px;color:var(--muted);align-self:flex-end;padding-bottom:8px}\n",
/* the backlog table */
".tablecard{overflow:hidden}\n"
".tablecard.scroll{overflow-x:auto;background:none;border:0;box-shadow:none}\n"
"table{border-collapse:collapse;width:100%}\n"
"th,td{text-align:left;padding:10px 12px;border-bottom:1px solid var(--line);vertical-align:top}\n"
"th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);background:#fafbfe;font-weight:600}\n"
"tbody tr:last-child td{border-bottom:0}\n"
"tbody tr:hover{background:#fafaff}\n"
"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
"td.rank{color:var(--muted);font-variant-numeric:tabular-nums;width:3.5em}\n"
"td.rank .intake{font-size:11px;text-transform:uppercase;letter-spacing:.06em}\n"
"td.id{white-space:nowrap;font-weight:600;font-size:14px}\n"
"td.title{min-width:16em}\n"
"td.title .t{font-weight:600}\n"
"tr.closed td.title .t{color:var(--muted)}\n"
".empty{padding:28px;text-align:center;color:var(--muted)}\n",
/* board */
".board{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:14px}\n"
".col{background:#eceef6;border-radius:var(--radius);padding:10px;min-height:120px}\n"
".col h3{margin:2px 4px 10px;font-size:13px;text-transform:uppercase;letter-spacing:.08em;"
"display:flex;justify-content:space-between;color:#3b3f55}\n"
".col h3 .n{background:#fff;border-radius:99px;padding:0 8px;font-size:12px}\n"
".col.c-blocked{background:#fdecec}.col.c-done{background:#e8f6ec}.col.c-doing{background:#fdf4dc}\n"
".tile{background:#fff;border-radius:10px;padding:10px 12px;margin-bottom:8px;border:1px solid var(--line);"
"box-shadow:0 1px 2px rgba(20,22,43,.05)}\n"
".tile .id{font-size:12px;font-weight:700}\n"
".tile .t{font-weight:600;margin:2px 0 6px;line-height:1.35}\n"
".tile .facts{display:flex;flex-wrap:wrap;gap:6px 10px;font-size:12px;color:var(--muted)}\n"
".tile .why{font-size:13px;color:var(--bad);margin-top:6px}\n"
".tile.atrisk{border-color:#f59e0b;box-shadow:inset 3px 0 0 #f59e0b}\n"
".tile .risk{font-size:12px;color:var(--warn);margin-top:6px;font-weight:600}\n"
".over{color:var(--bad);font-weight:600}\n"
".col .none{font-size:13px;color:var(--muted);padding:6px 4px}\n"
".boardhead{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-end;margin-bottom:14px}\n"
".boardhead .goal{font-weight:600}\n"
".boardhead .prog{flex:1 1 260px;max-width:420px}\n",
/* cycles and experiments */
".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:14px}\n"
".cyc{padding:16px 18px}\n"
".cyc h3,.exp h3,.camp h3{margin:0;font-size:16px}\n"
".cyc.current{border-color:var(--accent);box-shadow:0 0 0 2px rgba(67,56,202,.18),var(--shadow)}\n"
".cyc .dates{font-size:13px;color:var(--muted)}\n"
".cyc .goal{margin:8px 0 2px;font-size:14px}\n"
".cyc .fig{display:flex;justify-content:space-between;font-size:13px;color:var(--muted);font-variant-numeric:tabular-nums}\n"
".cyc .fig b{color:var(--ink)}\n"
".exp{padding:16px 18px;display:flex;flex-direction:column;gap:8px}\n"
".exp .head{display:flex;justify-content:space-between;gap:10px;align-items:flex-start}\n"
".exp h3{font-size:15px;line-height:1.35}\n"
".exp .hyp{font-size:14px;margin:0;color:#2d3147}\n"
".exp .hyp::before{content:\"Hypothesis \";font-size:11px;font-weight:700;text-transform:uppercase;"
"letter-spacing:.06em;color:var(--muted)}\n"
".kpi{display:grid;grid-template-columns:1fr 1fr;gap:6px;margin-top:auto;background:#f7f8fc;"
"border-radius:8px;padding:8px 10px}\n"
".kpi div:first-child{grid-column:1/-1}\n"
".kpi div{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}\n"
".kpi b{display:block;font-size:15px;text-transform:none;letter-spacing:0;color:var(--ink);"
"overflow-wrap:anywhere}\n"
".panel .kpi{grid-template-columns:2fr 1fr 1fr}.panel .kpi div:first-child{grid-column:auto}\n"
".camp{padding:16px 18px}\n"
".camps{grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr))}\n"
".camp svg{width:100%;height:auto;display:block;margin-top:12px}\n"
".legend{font-size:13px;color:var(--muted)}\n",
/* item pages */
".crumbs{font-size:14px;margin-bottom:14px;color:var(--muted)}\n"
".itemhead{padding:22px 24px;margin-bottom:18px}\n"
".itemhead .idline{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:14px;font-weight:700;color:var(--muted)}\n"
".itemhead h1{font-size:27px;line-height:1.25;margin:6px 0 10px;letter-spacing:-.01em;overflow-wrap:anywhere}\n"
".facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px 20px;margin:0}\n"
".facts div{min-width:0}\n"
".facts dt{font-size:11px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);font-weight:600}\n"
".facts dd{margin:1px 0 0;font-weight:600;overflow-wrap:anywhere}\n"
".panel{padding:18px 24px;margin-bottom:18px}\n"
".panel h2{font-size:15px;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);margin:0 0 10px}\n"
".body{padding:8px 24px 20px;overflow-wrap:anywhere}\n"
".body h1,.body h2,.body h3{font-size:18px;margin:22px 0 8px;letter-spacing:0;text-transform:none;color:var(--ink)}\n"
".body h2{font-size:17px}.body h3{font-size:16px}\n"
".body table{width:auto;margin:10px 0}.body th,.body td{border:1px solid var(--line)}\n"
".body th{text-transform:none;letter-spacing:0;font-size:inherit;color:inherit;background:#f7f8fc}\n"
".body pre{background:#f4f5fa;padding:12px;border-radius:8px;overflow-x:auto}\n"
".body blockquote{margin:10px 0;padding:2px 16px;border-left:4px solid #d8dbea;color:#444a60}\n"
".body ul:has(input[type=checkbox]){list-style:none;padding-left:6px}\n"
".body input[type=checkbox]{margin-right:8px;accent-color:var(--ok)}\n"
".body img{max-width:100%}\n"
".hyp.lone{margin:0 0 12px}\n"
".panel.reason{border-color:#fca5a5}.panel.reason p{margin:0}\n"
".itemhead .tags{margin:-4px 0 14px}\n"
".pager{display:flex;justify-content:space-between;gap:12px;font-size:14px}\n"
"footer{color:var(--muted);font-size:13px;padding:20px 0 40px;border-top:1px solid var(--line)}\n",
/* phones */
"@media (max-width:760px){\n"
".wrap{padding:0 14px}\n"
".brand h1{font-size:22px}\n"
".top nav{flex-wrap:wrap;gap:0;margin-top:10px}\n"
".top nav a{padding:8px 10px;font-size:13px;border-radius:8px 8px 0 0}\n"
"main.wrap{padding-top:18px}\n"
".stats{grid-template-columns:1fr 1fr;gap:10px}\n"
".stat{padding:12px 14px}.stat .value{font-size:24px}\n"
".board{grid-template-columns:1fr}\n"
".col{min-height:0}\n"
".filters .count{margin-left:0;width:100%;padding:0}\n"
".tablecard{background:none;border:0;box-shadow:none;overflow:visible}\n"
"table.backlog thead{display:none}\n"
"table.backlog,table.backlog tbody{display:block}\n"
"table.backlog tr{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;background:var(--card);"
"border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:12px 14px;margin-bottom:10px}\n"
"table.backlog td{display:block;border:0;padding:0}\n"
"table.backlog td.rank{order:1;width:auto}\n"
"table.backlog td.id{order:2}\n"
"table.backlog td.status{order:3;margin-left:auto}\n"
"table.backlog td.title{order:4;flex-basis:100%;min-width:0}\n"
"table.backlog td.meta{order:5;font-size:13px;color:var(--muted);text-align:left}\n"
"table.backlog td.meta::before{content:attr(data-label) \" \";font-weight:600}\n"
"table.backlog td.meta.blank{display:none}\n"
".itemhead,.panel{padding:16px}\n"
".facts{grid-template-columns:1fr 1fr;gap:10px 14px}\n"
".filters label{flex:1 1 40%}\n"
".itemhead h1{font-size:22px}\n"
".body{padding:4px 16px 16px}\n"

"}\n"
,
"@media print{\n"
"body{background:#fff;font-size:11pt}\n"
".top{background:none;color:#000;padding-top:0}.top a{color:#000}\n"
".top nav,.filters,.pager{display:none!important}\n"
".card,.tile{box-shadow:none}\n"
"section{break-inside:auto}\n"
"tr,.tile,.cyc,.exp,.camp{break-inside:avoid}\n"
"a{color:inherit}\n"
".board{grid-template-columns:repeat(4,1fr)}\n"
"}\n",
	NULL,
};

void
html_css(struct sbuf *out)
{
	for (size_t i = 0; hx_css[i]; i++)
		sbuf_adds(out, hx_css[i]);
	/* the widths of the bars, by whole percent */
	for (int w = 0; w <= 100; w++)
		sbuf_addf(out, ".w%d{width:%d%%}", w, w);
	sbuf_addc(out, '\n');
}

/*
 * The filters of index.html.  It only reads attributes docket wrote and
 * sets `hidden`, textContent and the query string (?status=&type=
 * &campaign=&q=, so a filtered view can be bookmarked).  Its SHA-256 is
 * in the page's Content-Security-Policy: edit freely, the hash follows.
 */
const char hx_js[] =
"(function(){\n"
"var d=document,f=d.getElementById('filters');\n"
/* the badges that depend on today's date, as of the reader's today (never
 * before the day the page was made): a page published yesterday is right
 * today */
"(function(){var n=new Date(),p=function(x){return('0'+x).slice(-2);},"
"t=n.getFullYear()+'-'+p(n.getMonth()+1)+'-'+p(n.getDate()),"
"b=d.documentElement.getAttribute('data-built')||'';if(b>t)t=b;\n"
"[].forEach.call(d.querySelectorAll('[data-start][data-end]'),function(e){\n"
"var s=e.getAttribute('data-start'),x=e.getAttribute('data-end'),"
"w=t<s?'upcoming':t>x?'ended':'current',g=e.querySelector('.when');\n"
"e.classList.toggle('current',w==='current');\n"
"if(g){g.textContent=w;g.className='badge when '+(w==='current'?'s-doing':w==='upcoming'?'s-planned':'s-done');}});\n"
"[].forEach.call(d.querySelectorAll('[data-ends]'),function(e){"
"e.textContent=t>e.getAttribute('data-ends')?'ended':'ends';});})();\n"
"if(!f||!window.URLSearchParams)return;\n"
"var rows=[].slice.call(d.querySelectorAll('#backlog-table tbody tr'));\n"
"var q=d.getElementById('f-q'),st=d.getElementById('f-status'),ty=d.getElementById('f-type'),"
"ca=d.getElementById('f-campaign'),count=d.getElementById('f-count'),none=d.getElementById('f-none');\n"
"rows.forEach(function(r){r.dkText=(r.getAttribute('data-text')||'').toLowerCase();});\n"
"function pick(el,v){if(v===null)return;for(var i=0;i<el.options.length;i++)"
"if(el.options[i].value===v){el.value=v;return;}}\n"
"function apply(){\n"
"var s=st.value,t=ty.value,c=ca.value,x=q.value.trim().toLowerCase(),k=0;\n"
"rows.forEach(function(r){\n"
"var ok=(s==='all'||(s==='open'?r.getAttribute('data-open')==='1':r.getAttribute('data-status')===s))"
"&&(!t||r.getAttribute('data-type')===t)&&(!c||r.getAttribute('data-campaign')===c)"
"&&(!x||r.dkText.indexOf(x)>=0);\n"
"r.hidden=!ok;if(ok)k++;});\n"
"count.textContent=k+' of '+rows.length+' items';none.hidden=k>0;}\n"
"function save(){var p=new URLSearchParams();\n"
"if(st.value!=='open')p.set('status',st.value);if(ty.value)p.set('type',ty.value);"
"if(ca.value)p.set('campaign',ca.value);if(q.value)p.set('q',q.value);\n"
"var s=p.toString();try{history.replaceState(null,'',(s?'?'+s:location.pathname)+location.hash);}catch(e){}}\n"
"var p=new URLSearchParams(location.search);\n"
"pick(st,p.get('status'));pick(ty,p.get('type'));pick(ca,p.get('campaign'));"
"if(p.get('q'))q.value=p.get('q');\n"
"[q,st,ty,ca].forEach(function(el){el.addEventListener('input',function(){apply();save();});"
"el.addEventListener('change',function(){apply();save();});});\n"
"f.hidden=false;d.documentElement.classList.add('js');apply();\n"
"})();\n";
