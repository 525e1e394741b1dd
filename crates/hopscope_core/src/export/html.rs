//! A one-file HTML snapshot for reports: the exported SVG inline, with a small constant script
//! for pan (drag), zoom (wheel, + and −, double-click or 0 to reset) and tooltips (the title of
//! the node under the pointer, set as text). It needs no server and nothing from the network:
//! open it from disk. No text from the case enters the page except through the SVG, which
//! escapes it, and the page title, escaped here.

use super::svg::escape_line;

const STYLE: &str = "html,body{margin:0;height:100%;overflow:hidden;background:#fff}\
#stage{position:fixed;inset:0;cursor:grab}#stage.panning{cursor:grabbing}\
#stage>svg{width:100%;height:100%;display:block;touch-action:none}\
#tip{position:fixed;pointer-events:none;display:none;max-width:40em;padding:4px 8px;\
font:12px system-ui,sans-serif;background:#202020;color:#fff;border-radius:4px;\
white-space:pre-wrap;word-break:break-all}\
#help{position:fixed;right:8px;bottom:6px;font:11px system-ui,sans-serif;color:#777}";

/// Pan and zoom by changing the SVG's viewBox; tooltips from `<title>` children.
const SCRIPT: &str = r#"(function(){
var stage=document.getElementById('stage'),svg=stage.querySelector('svg'),tip=document.getElementById('tip');
var b=svg.viewBox.baseVal,home=[b.x,b.y,b.width,b.height];
function set(v){b.x=v[0];b.y=v[1];b.width=v[2];b.height=v[3];}
function pt(e){var p=svg.createSVGPoint();p.x=e.clientX;p.y=e.clientY;return p.matrixTransform(svg.getScreenCTM().inverse());}
function zoom(f,at){var nw=b.width/f,nh=b.height/f;set([at.x-(at.x-b.x)/f,at.y-(at.y-b.y)/f,nw,nh]);}
svg.addEventListener('wheel',function(e){e.preventDefault();zoom(Math.exp(-e.deltaY*0.0015),pt(e));},{passive:false});
var drag=null;
svg.addEventListener('pointerdown',function(e){drag={x:e.clientX,y:e.clientY,v:[b.x,b.y,b.width,b.height]};stage.classList.add('panning');svg.setPointerCapture(e.pointerId);});
svg.addEventListener('pointermove',function(e){
 if(drag){var m=svg.getScreenCTM();set([drag.v[0]-(e.clientX-drag.x)/m.a,drag.v[1]-(e.clientY-drag.y)/m.d,drag.v[2],drag.v[3]]);tip.style.display='none';return;}
 var t=e.target,title=null;while(t&&t!==svg){var c=t.querySelector&&t.querySelector(':scope>title');if(c){title=c;break;}t=t.parentNode;}
 if(title){tip.textContent=title.textContent;tip.style.display='block';tip.style.left=(e.clientX+12)+'px';tip.style.top=(e.clientY+12)+'px';}else{tip.style.display='none';}
});
function end(){drag=null;stage.classList.remove('panning');}
svg.addEventListener('pointerup',end);svg.addEventListener('pointercancel',end);
svg.addEventListener('dblclick',function(){set(home);});
document.addEventListener('keydown',function(e){var c={x:b.x+b.width/2,y:b.y+b.height/2};
 if(e.key==='+'||e.key==='=')zoom(1.25,c);else if(e.key==='-')zoom(0.8,c);else if(e.key==='0')set(home);});
})();"#;

/// The page: `svg` (as `export::svg` makes it) with pan, zoom and tooltips, titled `title`.
pub fn html_snapshot(svg: &str, title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<div id=\"stage\">\n{}</div>\n<div id=\"tip\" role=\"tooltip\"></div>\n<div id=\"help\">drag to pan · wheel or +/− to zoom · double-click to reset</div>\n<script>\n{SCRIPT}\n</script>\n</body>\n</html>\n",
        escape_line(title),
        svg
    )
}
