// Expected outputs for golden tests, generated from reviewed renderer output.

enum CardGolden {
    static let card = #"""
        ---
        base_model:
        - org/Instruct-12B
        - g
        - g2
        - org/Base-12B
        base_model_relation: merge
        library_name: transformers
        tags:
        - merge
        - pedigree
        - model_stock
        ---

        # final

        This model is a merge made with Pedigree using the Model Stock method ([Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)](https://arxiv.org/abs/2403.19522)).

        ## Merge

        - Method: `model_stock`, semantics `pedigree`
        - Base check: on an unmerged base (org/Instruct-12B)
        - dtype: float32, out\_dtype: bfloat16
        - Parameters: filter\_wise=false
        - Identity hash: `sha256:f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1`
        - Content hash: `sha256:f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2`
        - Mean t (parameter-weighted over tensors): 0.300

        Inputs:

        | position | role | model | weight |
        | --- | --- | --- | --- |
        | 0 | base | [org/Instruct-12B](https://huggingface.co/org/Instruct-12B) |  |
        | 1 | ingredient | g |  |
        | 2 | ingredient | g2 |  |
        | 3 | ingredient | [org/Base-12B](https://huggingface.co/org/Base-12B) |  |

        ## Lineage

        Every model this merge descends from (recorded merges in .pedigree/lineage.db).
        The share is an estimate; see the note below the table.

        | model | kind | depth | paths | arrived as | share (estimate) | method | identity hash | content hash |
        | --- | --- | --- | --- | --- | --- | --- | --- | --- |
        | [org/Instruct-12B](https://huggingface.co/org/Instruct-12B) | source model | 1 | 5 | base, ingredient | 76.1% |  | `sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a` | `sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a` |
        | g | merge | 1 | 1 | ingredient | 10.0% | `model_stock` | `sha256:9191919191919191919191919191919191919191919191919191919191919191` | `sha256:9292929292929292929292929292929292929292929292929292929292929292` |
        | [org/Base-12B](https://huggingface.co/org/Base-12B) | source model | 1 | 3 | base, ingredient | 13.9% |  | `sha256:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0` | `sha256:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0` |
        | g2 | merge | 1 | 1 | ingredient | 10.0% | `model_stock` | `sha256:2121212121212121212121212121212121212121212121212121212121212121` | `sha256:2222222222222222222222222222222222222222222222222222222222222222` |
        | early | merge | 2 | 2 | base, ingredient | 6.5% | `model_stock` | `sha256:e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1` | `sha256:e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2` |
        | [org/FT-A](https://huggingface.co/org/FT-A) | source model | 2 | 4 | ingredient | 6.4% |  | `sha256:fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa` | `sha256:fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa` |
        | ./models/ft-c | source model | 2 | 2 | ingredient | 2.7% |  | `sha256:fcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc` | `sha256:fcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc` |
        | [org/lora-x](https://huggingface.co/org/lora-x) | adapter | 2 | 2 | adapter | 5.5% |  | `sha256:adadadadadadadadadadadadadadadadadadadadadadadadadadadadadadadad` | `sha256:adadadadadadadadadadadadadadadadadadadadadadadadadadadadadadadad` |
        | [org/FT-B](https://huggingface.co/org/FT-B) | source model | 3 | 2 | ingredient | 0.9% |  | `hf:org/FT-B@main` |  |

        The share is an estimate: a Model Stock merge gives ingredient i t\*w\_i/sum(w) and its base 1-t, with t its parameter-weighted mean; a linear merge gives w\_i/sum(w). Shares multiply along paths and add across paths. An adapter's share is the coefficient its delta carries.

        ## Recipe

        ```yaml
        name: final
        merge_method: model_stock
        base_model: org/Instruct-12B
        models:
          - model: g
          - model: g2
          - model: org/Base-12B
        dtype: float32
        out_dtype: bfloat16
        ```

        ## Notes

        - Chat template: Mistral V3-Tekken
        - Sampling: temperature 1, smoothing factor 0.3

        """#
}
