//! The report's stylesheet: readable on screen, and printed on A4 or Letter (whichever the
//! printer is set to; the margins suit both) with each section on a new page, table rows
//! never split, table headers repeated on every page, and a running header with the case's
//! title (added by `html.rs`) and page numbers.

pub const STYLE: &str = r#":root{color-scheme:light}
body{font:10.5pt/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem}
h1{font-size:20pt;margin:.2em 0 .4em}
h2{font-size:15pt;margin:0 0 .6em;padding-bottom:.2em;border-bottom:2px solid #1b1b1b}
h3{font-size:11.5pt;margin:1.2em 0 .4em;break-after:avoid}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:9pt;color:#555;margin:0}
section{margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:9pt}
thead{display:table-header-group}
th,td{border:1px solid #bbb;padding:3px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee}
tr{break-inside:avoid}
table.hops{table-layout:fixed}
table.hops th:nth-child(1){width:3%}table.hops th:nth-child(2){width:25%}table.hops th:nth-child(3){width:22%}table.hops th:nth-child(4){width:10%}table.hops th:nth-child(5){width:11%}table.hops th:nth-child(6){width:11%}table.hops th:nth-child(7){width:18%}
table.hops td{overflow-wrap:anywhere}
td.num,th.num{text-align:right}
td.num{font-variant-numeric:tabular-nums;white-space:normal;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:8pt;word-break:break-all}
.explorer,.chain{font-size:8pt;color:#444;word-break:break-all}
.caption{color:#333;font-size:9.5pt}
tr.more td{font-style:italic;color:#444}
.notes{white-space:pre-wrap;overflow-wrap:anywhere}
dl dt{font-weight:600;margin-top:.6em}
dl dd{margin:.15em 0 0 1.2em}
dd.limit{color:#6b2b00}
figure.picture{margin:0}
figure.picture svg{box-sizing:border-box;width:100%;height:auto;max-height:230mm;border:1px solid #ccc}
nav ol{columns:2;padding-left:1.2em}
ul.seeds{padding-left:1.2em}
@page{margin:18mm 14mm 16mm 14mm;@top-left{font:8pt system-ui,sans-serif;color:#555}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt system-ui,sans-serif;color:#555}}
@media print{
body{max-width:none;padding:0}
section{margin-top:0;break-before:page}
.route{break-inside:auto}
a{color:inherit;text-decoration:none}
#summary{break-before:auto;margin-top:1.5rem}
}"#;
