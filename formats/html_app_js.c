/*
 * html_app_js.c: the style sheet and the script of `docket serve`
 * (/static/docket.css, /static/app.js; see html_app.h).
 *
 * The style sheet is the export's (html_css) followed by the app's own
 * rules: forms, buttons, messages, the move handles and drop marks, the
 * board's cards being dragged, the prompt.
 *
 * The script is plain JavaScript with no build step and no library.  It
 * only adds to pages that work without it: every action it takes is a
 * form the page also has.  It reads attributes docket wrote (data-id,
 * data-version, data-col, data-order), sends forms with fetch (Accept:
 * application/json, the session's form token from the page) and shows
 * the answer in the page's live region; after a change it reloads, so
 * the page always shows the files as they are now.
 */
#include "formats/html_app_int.h"

const char *const app_css_extra[] = {
/* forms and buttons */
"button,.button{font:inherit;font-size:14px;font-weight:600;padding:7px 14px;border-radius:8px;"
"border:1px solid #cfd3e0;background:#fff;color:var(--ink);cursor:pointer;display:inline-block;"
"line-height:1.3;text-decoration:none}\n"
"button:hover,.button:hover{border-color:var(--accent);text-decoration:none}\n"
"button.primary,.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}\n"
"button.primary:hover,.button.primary:hover{background:#3730a3}\n"
"button:focus-visible,.button:focus-visible,input:focus-visible,select:focus-visible,"
"textarea:focus-visible,summary:focus-visible,a:focus-visible{outline:3px solid #a5b4fc;outline-offset:1px}\n"
"button[disabled]{opacity:.5;cursor:not-allowed}\n"
"button.linkish{background:none;border:0;padding:0;color:#fff;text-decoration:underline;font-weight:500;font-size:13px}\n"
".top .meta form.signout{display:inline}\n"
".form{padding:18px 22px;margin-bottom:18px}\n"
".form.narrow,.narrow{max-width:520px}\n"
"main.wrap.narrow{margin-top:40px}\n"
".field{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}\n"
".field label{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}\n"
".field input,.field select,.field textarea,.act input,.act select,.movebar input,.movebar select{"
"font:inherit;font-size:15px;padding:8px 10px;border:1px solid #cfd3e0;border-radius:8px;background:#fff;"
"color:var(--ink);min-width:0;max-width:100%}\n"
".field textarea{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;line-height:1.45;resize:vertical}\n"
".field [aria-invalid=true]{border-color:var(--bad);box-shadow:0 0 0 2px #fecaca}\n"
".ferr{color:var(--bad);font-size:13px;font-weight:600;margin:2px 0 0}\n"
".fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:0 16px}\n"
"fieldset{border:1px solid var(--line);border-radius:10px;padding:10px 14px 2px;margin:0 0 12px}\n"
"legend{font-size:13px;font-weight:700;color:var(--muted);padding:0 6px}\n"
".buttons{display:flex;gap:10px;flex-wrap:wrap;margin-top:6px}\n"
".note{font-size:13px;color:var(--muted);margin:6px 0 0}\n"
".note.warn{color:var(--warn);font-weight:600}\n"
"ul.plain{margin:0;padding-left:18px}\n",
/* messages */
".flash{padding:12px 16px;border-radius:10px;margin:0 0 16px;font-weight:600;border:1px solid}\n"
".flash.ok{background:#ecfdf3;border-color:#86efac;color:#14532d}\n"
".flash.err{background:#fef2f2;border-color:#fca5a5;color:#7f1d1d}\n"
".flash.created .newid{font-size:17px}\n"
".panel.problem,.panel.conflict{border-color:#fca5a5}\n"
".panel.problem h2,.panel.conflict h2{color:var(--bad)}\n"
"table.changes{width:auto;margin:8px 0}table.changes td,table.changes th{padding:6px 10px}\n"
/* the backlog: filters, move bar, handles, drop marks */
".filters .actions{display:flex;gap:8px;align-items:center;align-self:flex-end}\n"
".filters button{padding:7px 12px}\n"
".movebar{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;padding:12px;margin-bottom:12px}\n"
".movebar label{display:flex;flex-direction:column;font-size:11px;font-weight:600;color:var(--muted);"
"text-transform:uppercase;letter-spacing:.06em;gap:3px}\n"
".movebar .note{flex-basis:100%}\n"
".handle{cursor:grab;touch-action:none;user-select:none;border:1px solid transparent;background:none;"
"padding:2px 5px;margin-right:4px;font-size:16px;line-height:1;color:var(--muted);border-radius:6px}\n"
".handle:hover,.handle:focus-visible{border-color:#cfd3e0;background:#fff;color:var(--accent)}\n"
"table.backlog.app td.rank{white-space:nowrap;width:4.8em}\n"
"tr.dragging{opacity:.45}\n"
"tr.drop-above td{box-shadow:inset 0 3px 0 var(--accent)}\n"
"tr.drop-below td{box-shadow:inset 0 -3px 0 var(--accent)}\n"
"body.busy{cursor:progress}\n",
/* the item page */
".actions .acts{display:flex;flex-direction:column;gap:10px}\n"
".act{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}\n"
".act label{display:flex;flex-direction:column;font-size:11px;font-weight:600;color:var(--muted);"
"text-transform:uppercase;letter-spacing:.06em;gap:3px}\n"
".act .note{flex-basis:100%}\n"
"ul.boxes{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}\n"
"form.box{display:block}\n"
"button.tick{display:flex;gap:10px;align-items:center;width:100%;text-align:left;font-weight:500}\n"
"button.tick .mark{display:inline-flex;width:20px;height:20px;border:2px solid #9ca3af;border-radius:5px;"
"align-items:center;justify-content:center;font-size:14px;flex:none}\n"
"button.tick.on{color:var(--muted)}button.tick.on .mark{background:var(--ok);border-color:var(--ok);color:#fff}\n"
".crumbs a{font-weight:600}\n",
/* the board */
"@media (pointer:fine){.tile[data-id]{cursor:grab}}\n"
".tile.dragging{opacity:.5;cursor:grabbing}\n"
".col.drop{outline:3px dashed var(--accent);outline-offset:-3px}\n"
".cardmove{margin-top:8px;font-size:13px}\n"
".cardmove summary{cursor:pointer;color:var(--accent);font-weight:600}\n"
".cardmove .act{margin-top:8px}\n"
".cardmove .act input,.cardmove .act select{font-size:13px;padding:5px 7px;width:100%}\n"
".cardmove .act label{flex:1 1 100%}\n"
"dialog{border:0;border-radius:14px;padding:0;box-shadow:0 20px 60px rgba(20,22,43,.3);max-width:min(440px,92vw)}\n"
"dialog::backdrop{background:rgba(20,22,43,.35)}\n"
"dialog .form{margin:0}dialog h2{margin-bottom:8px}\n"
".cyclenav{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:18px}\n"
".cyclenav a{padding:5px 12px;border-radius:99px;background:#e8eaf4;font-weight:600;font-size:14px}\n"
".cyclenav a.here{background:var(--accent);color:#fff}\n"
"table.plan tr.skip td{color:var(--muted)}\n"
".md h1{font-size:20px}\n"
".camp img{width:100%;height:auto;display:block;margin-top:12px}\n",
"@media (max-width:760px){\n"
".fields{grid-template-columns:1fr}\n"
".movebar label{flex:1 1 40%}\n"
".act label{flex:1 1 100%}\n"
".form{padding:14px}\n"
"table.backlog td.rank .handle{font-size:20px;padding:4px 8px}\n"
"}\n",
	NULL,
};

static const char *const app_js_src[] = {
"(function(){\n"
"'use strict';\n"
"var d=document;\n"
"function $(id){return d.getElementById(id);}\n"
"function token(){var i=d.querySelector('input[name=_token]');return i?i.value:'';}\n"
"function say(m,err){var l=$('live');if(!l)return;l.textContent=m;"
"l.className='flash '+(err?'err':'ok');l.hidden=false;l.scrollIntoView({block:'nearest'});}\n"
/* POST a form as the page's own forms do; the answer as JSON */
"function post(url,data){var b=new URLSearchParams();b.set('_token',token());\n"
"for(var k in data)if(data[k]!==undefined&&data[k]!==null)b.set(k,data[k]);\n"
"d.body.classList.add('busy');\n"
"return fetch(url,{method:'POST',headers:{'Accept':'application/json'},body:b,credentials:'same-origin'})"
".then(function(r){return r.json().catch(function(){return{ok:false,error:'The server answered '+r.status+'.'};})"
".then(function(j){j.status=r.status;return j;});},"
"function(){return{ok:false,error:'The server cannot be reached.'};})"
".then(function(j){d.body.classList.remove('busy');return j;});}\n"
"function describe(j){var m=j.error||j.message||'Not done.';\n"
"if(j.changed&&j.changed.length)m+=' Changed since you loaded the page: '+j.changed.map(function(c){"
"return c.field+' '+(c.from===null?'(none)':c.from)+' \\u2192 '+(c.to===null?'(none)':c.to);}).join('; ')+'.';\n"
"if(j.status===409)m+=' Nothing was written: reload the page to see the current version.';return m;}\n"
/* after a change the page shows the files again (the message comes
 * with it, from the server) */
"function after(j){if(j.ok){if(j.location)location.href=j.location;else location.reload();}"
"else say(describe(j),true);return j;}\n"
,
/* ---- the backlog: drag rows by their handle, or use the keys ---- */
"var table=$('backlog-table');\n"
"if(table){\n"
"var body=table.tBodies[0],order=table.getAttribute('data-order')||'';\n"
"var rows=function(){return[].slice.call(body.rows).filter(function(r){return r.hasAttribute('data-id');});};\n"
"var ranked=function(r){return r.getAttribute('data-rank')!=='0';};\n"
"var id=function(r){return r.getAttribute('data-id');};\n"
"var move=function(i,where,ref){try{sessionStorage.setItem('docket-focus',i);}catch(x){}\n"
"return post('/move',{id:i,where:where,ref:ref||'',order:order}).then(after);};\n"
/* after the reload, the keyboard is back on the item it moved */
"try{var fo=sessionStorage.getItem('docket-focus');if(fo){sessionStorage.removeItem('docket-focus');\n"
"rows().forEach(function(r){if(id(r)===fo){var h=r.querySelector('.handle');if(h){h.focus();r.scrollIntoView({block:'center'});}}});}}catch(x){}\n"
"body.addEventListener('keydown',function(e){\n"
"var h=e.target;if(!h.classList||!h.classList.contains('handle'))return;\n"
"var tr=h.closest('tr'),rs=rows(),i=rs.indexOf(tr),k=e.key;\n"
"if(k==='ArrowUp'){e.preventDefault();\n"
"if(!ranked(tr)){move(id(tr),'bottom');return;}\n"
"if(i>0)move(id(tr),'above',id(rs[i-1]));}\n"
"else if(k==='ArrowDown'){e.preventDefault();\n"
"if(ranked(tr)&&i<rs.length-1&&ranked(rs[i+1]))move(id(tr),'below',id(rs[i+1]));}\n"
"else if(k==='Home'){e.preventDefault();move(id(tr),'top');}\n"
"else if(k==='End'){e.preventDefault();move(id(tr),'bottom');}});\n"
"var drag=null;\n"
"var clear=function(){[].forEach.call(body.querySelectorAll('.drop-above,.drop-below'),function(r){"
"r.classList.remove('drop-above','drop-below');});};\n"
"body.addEventListener('pointerdown',function(e){\n"
"var h=e.target.closest&&e.target.closest('.handle');if(!h||e.button!==0)return;\n"
"e.preventDefault();var tr=h.closest('tr');\n"
"drag={tr:tr,h:h,over:null,where:null,moved:false,y:e.clientY};\n"
"if(h.setPointerCapture)try{h.setPointerCapture(e.pointerId);}catch(x){}});\n"
"d.addEventListener('pointermove',function(e){if(!drag)return;\n"
"if(!drag.moved&&Math.abs(e.clientY-drag.y)<4)return;\n"
"drag.moved=true;drag.tr.classList.add('dragging');clear();\n"
"var el=d.elementFromPoint(e.clientX,e.clientY),tr=el&&el.closest?el.closest('tr[data-id]'):null;\n"
"if(!tr||tr===drag.tr||!body.contains(tr)){drag.over=null;return;}\n"
"var r=tr.getBoundingClientRect(),w=e.clientY<r.top+r.height/2?'above':'below';\n"
"tr.classList.add(w==='above'?'drop-above':'drop-below');drag.over=tr;drag.where=w;});\n"
"var drop=function(){if(!drag)return;var g=drag;drag=null;clear();g.tr.classList.remove('dragging');\n"
"if(!g.moved){g.h.focus();return;}\n"
"if(!g.over)return;\n"
/* dropped among the unranked intake: rank it last */
"if(!ranked(g.over)){if(!ranked(g.tr))return;move(id(g.tr),'bottom');return;}\n"
"move(id(g.tr),g.where,id(g.over));};\n"
"d.addEventListener('pointerup',drop);\n"
"d.addEventListener('pointercancel',function(){if(drag){drag.tr.classList.remove('dragging');drag=null;clear();}});\n"
"}\n"
,
/* ---- the filters: a choice filters at once ---- */
"var fl=$('filters');\n"
"if(fl)[].forEach.call(fl.querySelectorAll('select'),function(s){s.addEventListener('change',function(){fl.submit();});});\n"
/* ---- the intake: experiment fields for experiments ---- */
"var ty=$('f-type'),ex=$('exp-fields');\n"
"if(ty&&ex){var sh=function(){ex.hidden=ty.value!=='experiment';};ty.addEventListener('change',sh);sh();}\n"
,
/* ---- the board: drag cards between columns ---- */
"var ask=$('ask');\n"
"function prompt(title,note,need,okText){return new Promise(function(done){\n"
"if(!ask||!ask.showModal){done(null);return;}\n"
"$('ask-title').textContent=title;$('ask-note').textContent=note||'';\n"
"['reason','result','actual'].forEach(function(f){$('ask-'+f+'-f').hidden=!need[f];"
"var el=$('ask-'+f);el.value='';el.required=!!need[f]&&(f==='reason'||(f==='result'&&!need.optResult));});\n"
"$('ask-ok').textContent=okText||'Move';\n"
"var cancel=ask.querySelector('button[value=cancel]');if(cancel)cancel.formNoValidate=true;\n"
"ask.onclose=function(){if(ask.returnValue!=='ok'){done(null);return;}\n"
"done({reason:$('ask-reason').value,result:$('ask-result').value,actual:$('ask-actual').value});};\n"
"ask.returnValue='';ask.showModal();\n"
"var first=need.reason?$('ask-reason'):need.result?$('ask-result'):$('ask-ok');first.focus();});}\n"
"function act(card,to,extra){\n"
"var data={to:to,version:card.getAttribute('data-version')};\n"
"for(var k in extra)data[k]=extra[k];\n"
"return post('/items/'+encodeURIComponent(card.getAttribute('data-id'))+'/status',data).then(function(j){\n"
"if(!j.ok&&j.override){return prompt('Over the WIP limit',j.error,{},'Start anyway').then(function(v){\n"
"if(v){extra=extra||{};extra.over_wip='1';return act(card,to,extra);}say(j.error,true);});}\n"
"return after(j);});}\n"
"function moveCard(card,to){\n"
"var exp=card.getAttribute('data-type')==='experiment';\n"
"var need={reason:to==='blocked'||to==='stopped',result:(to==='done'||to==='stopped')&&exp,actual:to==='done'&&exp};\n"
"need.optResult=to==='stopped';\n"
"if(!need.reason&&!need.result)return act(card,to,{});\n"
"var title=card.getAttribute('data-id')+' \\u2192 '+to;\n"
"return prompt(title,need.reason?(to==='blocked'?'What does it wait for?':'Why is it not worth finishing?'):"
"'How did the experiment go?',need).then(function(v){if(v)return act(card,to,v);});}\n"
"var board=d.querySelector('.board');\n"
"if(board){var cd=null;\n"
"board.addEventListener('pointerdown',function(e){\n"
"if(e.button!==0||e.pointerType==='touch'||e.target.closest('a,button,summary,input,select,label,details'))return;\n"
"var c=e.target.closest('.tile[data-id]');if(!c)return;\n"
"cd={card:c,x:e.clientX,y:e.clientY,moved:false,col:null};});\n"
"d.addEventListener('pointermove',function(e){if(!cd)return;\n"
"if(!cd.moved&&Math.abs(e.clientX-cd.x)+Math.abs(e.clientY-cd.y)<6)return;\n"
"e.preventDefault();cd.moved=true;cd.card.classList.add('dragging');\n"
"[].forEach.call(board.querySelectorAll('.col.drop'),function(c){c.classList.remove('drop');});\n"
"var el=d.elementFromPoint(e.clientX,e.clientY),col=el&&el.closest?el.closest('.col[data-col]'):null;\n"
"cd.col=col&&col!==cd.card.closest('.col')?col:null;if(cd.col)cd.col.classList.add('drop');});\n"
"d.addEventListener('pointerup',function(){if(!cd)return;var g=cd;cd=null;\n"
"g.card.classList.remove('dragging');\n"
"[].forEach.call(board.querySelectorAll('.col.drop'),function(c){c.classList.remove('drop');});\n"
"if(g.moved&&g.col)moveCard(g.card,g.col.getAttribute('data-col'));});\n"
"}\n"
"})();\n",
	NULL,
};

void
app_css(struct sbuf *out)
{
	html_css(out);
	for (size_t i = 0; app_css_extra[i]; i++)
		sbuf_adds(out, app_css_extra[i]);
}

void
app_js(struct sbuf *out)
{
	for (size_t i = 0; app_js_src[i]; i++)
		sbuf_adds(out, app_js_src[i]);
}
