// Expected outputs for golden tests, generated from reviewed renderer output.

enum HTMLGolden {
    static let report = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Lineage of final</title>
        <style>body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:0.2em 0.5em;text-align:left;vertical-align:top}.graph svg{max-width:100%;height:auto}.note,.source{color:#555;font-size:0.9em}pre{background:#f6f6f6;padding:0.6em;overflow-x:auto}.spark{font-family:monospace;letter-spacing:1px}code{font-size:0.9em}</style>
        </head>
        <body>
        <h1>Lineage of final</h1>
        <p class="source">Showing the recorded merges in .pedigree/lineage.db.</p>
        <h2>Graph</h2>
        <div class="graph">
        <svg xmlns="http://www.w3.org/2000/svg" width="1085.4" height="512" viewBox="0 0 1085.4 512" font-family="sans-serif" font-size="11">
        <title>Ancestry of final (recorded merges in .pedigree/lineage.db)</title>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>
        <path d="M141.6,72 L529.1,132" fill="none" stroke="#1f4e99" stroke-width="2.5" marker-end="url(#arrow)"><title>org/Base-12B to early: base</title></path>
        <path d="M456,72 L589.9,132" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/FT-A to early: ingredient</title></path>
        <path d="M632.7,72 L620.3,132" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/FT-B to early: ingredient</title></path>
        <path d="M291.2,72 L559.5,132" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/Instruct-12B to early: ingredient</title></path>
        <path d="M529.1,212 L530.3,272" fill="none" stroke="#1f4e99" stroke-width="2.5" marker-end="url(#arrow)"><title>early to g: base</title></path>
        <path d="M763.8,72 L436.7,172 L484.7,272" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>./models/ft-c to g: ingredient, weight 1</title></path>
        <path d="M410.4,72 L404.7,172 L461.9,272" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/FT-A to g: ingredient, weight 2</title></path>
        <path d="M943.8,72 L468.7,172 L507.5,272" fill="none" stroke="#444" stroke-width="1" stroke-dasharray="5,3" marker-end="url(#arrow)"><title>org/lora-x to g: adapter on org/FT-A</title></path>
        <path d="M260.8,72 L372.7,172 L439.1,272" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/Instruct-12B to g: ingredient, weight 1</title></path>
        <path d="M321.6,72 L680.7,172 L641.9,272" fill="none" stroke="#1f4e99" stroke-width="2.5" marker-end="url(#arrow)"><title>org/Instruct-12B to g2: base</title></path>
        <path d="M855,72 L744.7,172 L687.5,272" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>./models/ft-c to g2: ingredient, weight 1</title></path>
        <path d="M501.6,72 L712.7,172 L664.7,272" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/FT-A to g2: ingredient, weight 2</title></path>
        <path d="M1035,72 L776.7,172 L710.3,272" fill="none" stroke="#444" stroke-width="1" stroke-dasharray="5,3" marker-end="url(#arrow)"><title>org/lora-x to g2: adapter on org/FT-A</title></path>
        <path d="M620.3,212 L619.1,272" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>early to g2: ingredient, weight 1</title></path>
        <path d="M230.4,72 L340.7,172 L378.7,312 L527.5,412" fill="none" stroke="#1f4e99" stroke-width="2.5" marker-end="url(#arrow)"><title>org/Instruct-12B to final: base</title></path>
        <path d="M484.7,352 L557.9,412" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>g to final: ingredient</title></path>
        <path d="M664.7,352 L588.3,412" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>g2 to final: ingredient</title></path>
        <path d="M50.4,72 L308.7,172 L346.7,312 L497.1,412" fill="none" stroke="#444" stroke-width="1" marker-end="url(#arrow)"><title>org/Base-12B to final: ingredient</title></path>
        <g><title>org/Base-12B</title><rect x="20" y="20" width="152" height="52" rx="26" fill="#ffffff" stroke="#333" stroke-width="1"/><text x="96" y="35.7" text-anchor="middle" font-weight="bold">org/Base-12B</text><text x="96" y="49.7" text-anchor="middle">source model</text><text x="96" y="63.7" text-anchor="middle">content b0b0b0b0b0b0</text></g>
        <g><title>org/Instruct-12B</title><rect x="200" y="20" width="152" height="52" rx="26" fill="#ffffff" stroke="#333" stroke-width="1"/><text x="276" y="35.7" text-anchor="middle" font-weight="bold">org/Instruct-12B</text><text x="276" y="49.7" text-anchor="middle">source model</text><text x="276" y="63.7" text-anchor="middle">content 1a1a1a1a1a1a</text></g>
        <g><title>org/FT-A</title><rect x="380" y="20" width="152" height="52" rx="26" fill="#ffffff" stroke="#333" stroke-width="1"/><text x="456" y="35.7" text-anchor="middle" font-weight="bold">org/FT-A</text><text x="456" y="49.7" text-anchor="middle">source model</text><text x="456" y="63.7" text-anchor="middle">content fafafafafafa</text></g>
        <g><title>org/FT-B</title><rect x="560" y="20" width="145.4" height="52" rx="26" fill="#ffffff" stroke="#333" stroke-width="1"/><text x="632.7" y="35.7" text-anchor="middle" font-weight="bold">org/FT-B</text><text x="632.7" y="49.7" text-anchor="middle">source model</text><text x="632.7" y="63.7" text-anchor="middle">id hf:org/FT-B@main</text></g>
        <g><title>./models/ft-c</title><rect x="733.4" y="20" width="152" height="52" rx="26" fill="#ffffff" stroke="#333" stroke-width="1"/><text x="809.4" y="35.7" text-anchor="middle" font-weight="bold">./models/ft-c</text><text x="809.4" y="49.7" text-anchor="middle">source model</text><text x="809.4" y="63.7" text-anchor="middle">content fcfcfcfcfcfc</text></g>
        <g><title>org/lora-x</title><rect x="913.4" y="20" width="152" height="52" rx="0" fill="#fff8e1" stroke="#333" stroke-width="1" stroke-dasharray="4,2"/><text x="989.4" y="35.7" text-anchor="middle" font-weight="bold">org/lora-x</text><text x="989.4" y="49.7" text-anchor="middle">adapter</text><text x="989.4" y="63.7" text-anchor="middle">content adadadadadad</text></g>
        <g><title>early</title><rect x="498.7" y="132" width="152" height="80" rx="8" fill="#dbe8f5" stroke="#333" stroke-width="1"/><text x="574.7" y="147.7" text-anchor="middle" font-weight="bold">early</text><text x="574.7" y="161.7" text-anchor="middle">model_stock, built</text><text x="574.7" y="175.7" text-anchor="middle">id e1e1e1e1e1e1</text><text x="574.7" y="189.7" text-anchor="middle">content e2e2e2e2e2e2</text><text x="574.7" y="203.7" text-anchor="middle">mean t 0.400</text></g>
        <g><title>g</title><rect x="408.7" y="272" width="152" height="80" rx="8" fill="#dbe8f5" stroke="#333" stroke-width="1"/><text x="484.7" y="287.7" text-anchor="middle" font-weight="bold">g</text><text x="484.7" y="301.7" text-anchor="middle">model_stock, built</text><text x="484.7" y="315.7" text-anchor="middle">id 919191919191</text><text x="484.7" y="329.7" text-anchor="middle">content 929292929292</text><text x="484.7" y="343.7" text-anchor="middle">mean t 0.500</text></g>
        <g><title>g2</title><rect x="588.7" y="272" width="152" height="80" rx="8" fill="#dbe8f5" stroke="#333" stroke-width="1"/><text x="664.7" y="287.7" text-anchor="middle" font-weight="bold">g2</text><text x="664.7" y="301.7" text-anchor="middle">model_stock, built</text><text x="664.7" y="315.7" text-anchor="middle">id 212121212121</text><text x="664.7" y="329.7" text-anchor="middle">content 222222222222</text><text x="664.7" y="343.7" text-anchor="middle">mean t 0.600</text></g>
        <g><title>final</title><rect x="466.7" y="412" width="152" height="80" rx="8" fill="#dbe8f5" stroke="#333" stroke-width="2.5"/><text x="542.7" y="427.7" text-anchor="middle" font-weight="bold">final</text><text x="542.7" y="441.7" text-anchor="middle">model_stock, built</text><text x="542.7" y="455.7" text-anchor="middle">id f1f1f1f1f1f1</text><text x="542.7" y="469.7" text-anchor="middle">content f2f2f2f2f2f2</text><text x="542.7" y="483.7" text-anchor="middle">mean t 0.300</text></g>
        </svg>
        <p class="note">Thick blue edges lead from a merge's base, dashed edges from an adapter.</p>
        </div>
        <h2>Feeders</h2>
        <table>
        <tr><th>model</th><th>kind</th><th>depth</th><th>paths</th><th>arrived as</th><th>share (estimate)</th></tr>
        <tr><td>org/Instruct-12B</td><td>source model</td><td>1</td><td>5</td><td>base, ingredient</td><td>76.1%</td></tr>
        <tr><td><a href="#merge-1">g</a></td><td>merge</td><td>1</td><td>1</td><td>ingredient</td><td>10.0%</td></tr>
        <tr><td>org/Base-12B</td><td>source model</td><td>1</td><td>3</td><td>base, ingredient</td><td>13.9%</td></tr>
        <tr><td><a href="#merge-3">g2</a></td><td>merge</td><td>1</td><td>1</td><td>ingredient</td><td>10.0%</td></tr>
        <tr><td><a href="#merge-2">early</a></td><td>merge</td><td>2</td><td>2</td><td>base, ingredient</td><td>6.5%</td></tr>
        <tr><td>org/FT-A</td><td>source model</td><td>2</td><td>4</td><td>ingredient</td><td>6.4%</td></tr>
        <tr><td>./models/ft-c</td><td>source model</td><td>2</td><td>2</td><td>ingredient</td><td>2.7%</td></tr>
        <tr><td>org/lora-x</td><td>adapter</td><td>2</td><td>2</td><td>adapter</td><td>5.5%</td></tr>
        <tr><td>org/FT-B</td><td>source model</td><td>3</td><td>2</td><td>ingredient</td><td>0.9%</td></tr>
        </table>
        <p class="note">The share is an estimate: a Model Stock merge gives ingredient i t*w_i/sum(w) and its base 1-t, with t its parameter-weighted mean; a linear merge gives w_i/sum(w). Shares multiply along paths and add across paths. An adapter&#39;s share is the coefficient its delta carries.</p>
        <h2>Merges</h2>
        <section id="merge-0">
        <h3>final</h3>
        <table>
        <tr><th>method</th><td>Model Stock (model_stock), semantics pedigree</td></tr>
        <tr><th>paper</th><td><a href="https://arxiv.org/abs/2403.19522">Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)</a></td></tr>
        <tr><th>state</th><td>built</td></tr>
        <tr><th>identity</th><td><code>sha256:f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1</code></td></tr>
        <tr><th>content</th><td><code>sha256:f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2</code></td></tr>
        <tr><th>dtype</th><td>float32, out_dtype bfloat16</td></tr>
        <tr><th>parameters</th><td>filter_wise=false</td></tr>
        <tr><th>mean t</th><td>0.300 (parameter-weighted over tensors)</td></tr>
        <tr><th>base check</th><td>on an unmerged base (org/Instruct-12B)</td></tr>
        <tr><th>timings</th><td>started 2027-01-15T08:00:00Z, 42.5 s</td></tr>
        <tr><th>template</th><td>Mistral V3-Tekken</td></tr>
        <tr><th>sampling</th><td>temperature 1, smoothing factor 0.3</td></tr>
        </table>
        <table>
        <caption>Inputs</caption>
        <tr><th>pos</th><th>role</th><th>model</th><th>weight</th><th>parameters</th><th>identity</th><th>content</th></tr>
        <tr><td>0</td><td>base</td><td>org/Instruct-12B</td><td></td><td></td><td>1a1a1a1a1a1a</td><td>1a1a1a1a1a1a</td></tr>
        <tr><td>1</td><td>ingredient</td><td>g</td><td></td><td></td><td>919191919191</td><td>929292929292</td></tr>
        <tr><td>2</td><td>ingredient</td><td>g2</td><td></td><td></td><td>212121212121</td><td>222222222222</td></tr>
        <tr><td>3</td><td>ingredient</td><td>org/Base-12B</td><td></td><td></td><td>b0b0b0b0b0b0</td><td>b0b0b0b0b0b0</td></tr>
        </table>
        <p>Tensor statistics by kind (t, and the pairwise cosines of the task vectors)</p>
        <pre class="spark">kind              tensors  t min  t mean  t max  cos min  cos mean  cos max  t by layer
        embed_tokens            1  0.240   0.240  0.240    0.010     0.050    0.090  ▂
        self_attn.q_proj        2  0.200   0.300  0.400    0.050     0.150    0.300  ▁▆
        mlp.down_proj           2  0.300   0.400  0.500    0.100     0.250    0.400  ▃█
        Sparklines show t per layer from 0.200 (▁) to 0.500 (█).</pre>
        <p>t per layer</p>
        <pre>layer  q_proj  down_proj  cos mean
            0   0.200      0.300     0.125
            1   0.400      0.500     0.275</pre>
        <p>Recipe (recipes/family.yaml)</p>
        <pre>name: final
        merge_method: model_stock
        base_model: org/Instruct-12B
        models:
          - model: g
          - model: g2
          - model: org/Base-12B
        dtype: float32
        out_dtype: bfloat16</pre>
        </section>
        <section id="merge-1">
        <h3>g</h3>
        <table>
        <tr><th>method</th><td>Model Stock (model_stock), semantics pedigree</td></tr>
        <tr><th>paper</th><td><a href="https://arxiv.org/abs/2403.19522">Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)</a></td></tr>
        <tr><th>state</th><td>built</td></tr>
        <tr><th>identity</th><td><code>sha256:9191919191919191919191919191919191919191919191919191919191919191</code></td></tr>
        <tr><th>content</th><td><code>sha256:9292929292929292929292929292929292929292929292929292929292929292</code></td></tr>
        <tr><th>dtype</th><td>float32, out_dtype bfloat16</td></tr>
        <tr><th>parameters</th><td>filter_wise=false</td></tr>
        <tr><th>mean t</th><td>0.500 (parameter-weighted over tensors)</td></tr>
        <tr><th>base check</th><td>on a merged base (early)</td></tr>
        <tr><th>timings</th><td>started 2027-01-15T08:00:00Z, 42.5 s</td></tr>
        </table>
        <table>
        <caption>Inputs</caption>
        <tr><th>pos</th><th>role</th><th>model</th><th>weight</th><th>parameters</th><th>identity</th><th>content</th></tr>
        <tr><td>0</td><td>base</td><td>early</td><td></td><td></td><td>e1e1e1e1e1e1</td><td>e2e2e2e2e2e2</td></tr>
        <tr><td>1</td><td>ingredient</td><td>./models/ft-c</td><td>1</td><td></td><td>fcfcfcfcfcfc</td><td>fcfcfcfcfcfc</td></tr>
        <tr><td>2</td><td>ingredient</td><td>org/FT-A</td><td>2</td><td></td><td>fafafafafafa</td><td>fafafafafafa</td></tr>
        <tr><td>3</td><td>adapter on 2</td><td>org/lora-x</td><td></td><td></td><td>adadadadadad</td><td>adadadadadad</td></tr>
        <tr><td>4</td><td>ingredient</td><td>org/Instruct-12B</td><td>1</td><td></td><td>1a1a1a1a1a1a</td><td>1a1a1a1a1a1a</td></tr>
        </table>
        </section>
        <section id="merge-2">
        <h3>early</h3>
        <table>
        <tr><th>method</th><td>Model Stock (model_stock), semantics pedigree</td></tr>
        <tr><th>paper</th><td><a href="https://arxiv.org/abs/2403.19522">Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)</a></td></tr>
        <tr><th>state</th><td>built</td></tr>
        <tr><th>identity</th><td><code>sha256:e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1</code></td></tr>
        <tr><th>content</th><td><code>sha256:e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2</code></td></tr>
        <tr><th>dtype</th><td>float32, out_dtype bfloat16</td></tr>
        <tr><th>parameters</th><td>filter_wise=false</td></tr>
        <tr><th>mean t</th><td>0.400 (parameter-weighted over tensors)</td></tr>
        <tr><th>base check</th><td>on an unmerged base (org/Base-12B)</td></tr>
        <tr><th>timings</th><td>started 2027-01-15T08:00:00Z, 42.5 s</td></tr>
        </table>
        <table>
        <caption>Inputs</caption>
        <tr><th>pos</th><th>role</th><th>model</th><th>weight</th><th>parameters</th><th>identity</th><th>content</th></tr>
        <tr><td>0</td><td>base</td><td>org/Base-12B</td><td></td><td></td><td>b0b0b0b0b0b0</td><td>b0b0b0b0b0b0</td></tr>
        <tr><td>1</td><td>ingredient</td><td>org/FT-A</td><td></td><td></td><td>fafafafafafa</td><td>fafafafafafa</td></tr>
        <tr><td>2</td><td>ingredient</td><td>org/FT-B</td><td></td><td></td><td>hf:org/FT-B@main</td><td>-</td></tr>
        <tr><td>3</td><td>ingredient</td><td>org/Instruct-12B</td><td></td><td></td><td>1a1a1a1a1a1a</td><td>1a1a1a1a1a1a</td></tr>
        </table>
        </section>
        <section id="merge-3">
        <h3>g2</h3>
        <table>
        <tr><th>method</th><td>Model Stock (model_stock), semantics pedigree</td></tr>
        <tr><th>paper</th><td><a href="https://arxiv.org/abs/2403.19522">Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)</a></td></tr>
        <tr><th>state</th><td>built</td></tr>
        <tr><th>identity</th><td><code>sha256:2121212121212121212121212121212121212121212121212121212121212121</code></td></tr>
        <tr><th>content</th><td><code>sha256:2222222222222222222222222222222222222222222222222222222222222222</code></td></tr>
        <tr><th>dtype</th><td>float32, out_dtype bfloat16</td></tr>
        <tr><th>parameters</th><td>filter_wise=false</td></tr>
        <tr><th>mean t</th><td>0.600 (parameter-weighted over tensors)</td></tr>
        <tr><th>base check</th><td>on an unmerged base (org/Instruct-12B)</td></tr>
        <tr><th>timings</th><td>started 2027-01-15T08:00:00Z, 42.5 s</td></tr>
        </table>
        <table>
        <caption>Inputs</caption>
        <tr><th>pos</th><th>role</th><th>model</th><th>weight</th><th>parameters</th><th>identity</th><th>content</th></tr>
        <tr><td>0</td><td>base</td><td>org/Instruct-12B</td><td></td><td></td><td>1a1a1a1a1a1a</td><td>1a1a1a1a1a1a</td></tr>
        <tr><td>1</td><td>ingredient</td><td>./models/ft-c</td><td>1</td><td></td><td>fcfcfcfcfcfc</td><td>fcfcfcfcfcfc</td></tr>
        <tr><td>2</td><td>ingredient</td><td>org/FT-A</td><td>2</td><td></td><td>fafafafafafa</td><td>fafafafafafa</td></tr>
        <tr><td>3</td><td>adapter on 2</td><td>org/lora-x</td><td></td><td></td><td>adadadadadad</td><td>adadadadadad</td></tr>
        <tr><td>4</td><td>ingredient</td><td>early</td><td>1</td><td></td><td>e1e1e1e1e1e1</td><td>e2e2e2e2e2e2</td></tr>
        </table>
        </section>
        </body>
        </html>

        """#
}
