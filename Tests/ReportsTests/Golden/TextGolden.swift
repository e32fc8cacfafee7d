// Expected outputs for golden tests, generated from reviewed renderer output.

enum TextGolden {
    static let tree = #"""
        Ancestry of final (recorded merges in .pedigree/lineage.db)
        final  [model_stock, built, id f1f1f1f1f1f1, content f2f2f2f2f2f2, mean t 0.300]
        ├── base: org/Instruct-12B  [source model, content 1a1a1a1a1a1a]
        ├── ingredient: g  [model_stock, built, id 919191919191, content 929292929292, mean t 0.500]
        │   ├── base: early  [model_stock, built, id e1e1e1e1e1e1, content e2e2e2e2e2e2, mean t 0.400]
        │   │   ├── base: org/Base-12B  [source model, content b0b0b0b0b0b0]
        │   │   ├── ingredient: org/FT-A  [source model, content fafafafafafa]
        │   │   ├── ingredient: org/FT-B  [source model, id hf:org/FT-B@main]
        │   │   └── ingredient: org/Instruct-12B  (shown above)
        │   ├── ingredient: ./models/ft-c (weight 1)  [source model, content fcfcfcfcfcfc]
        │   ├── ingredient: org/FT-A (weight 2)  (shown above)
        │   ├── adapter on org/FT-A: org/lora-x  [adapter, content adadadadadad]
        │   └── ingredient: org/Instruct-12B (weight 1)  (shown above)
        ├── ingredient: g2  [model_stock, built, id 212121212121, content 222222222222, mean t 0.600]
        │   ├── base: org/Instruct-12B  (shown above)
        │   ├── ingredient: ./models/ft-c (weight 1)  (shown above)
        │   ├── ingredient: org/FT-A (weight 2)  (shown above)
        │   ├── adapter on org/FT-A: org/lora-x  (shown above)
        │   └── ingredient: early (weight 1)  (shown above)
        └── ingredient: org/Base-12B  (shown above)

        """#

    static let treeDepthOne = #"""
        Ancestry of final (recorded merges in .pedigree/lineage.db)
        final  [model_stock, built, id f1f1f1f1f1f1, content f2f2f2f2f2f2, mean t 0.300]
        ├── base: org/Instruct-12B  [source model, content 1a1a1a1a1a1a]
        ├── ingredient: g  [model_stock, built, id 919191919191, content 929292929292, mean t 0.500]  (5 inputs below the depth limit)
        ├── ingredient: g2  [model_stock, built, id 212121212121, content 222222222222, mean t 0.600]  (5 inputs below the depth limit)
        └── ingredient: org/Base-12B  [source model, content b0b0b0b0b0b0]

        """#

    static let feeders = #"""
        Feeders of final (recorded merges in .pedigree/lineage.db)
        model             kind          depth  paths  arrived as        share (estimate)
        org/Instruct-12B  source model      1      5  base, ingredient             76.1%
        g                 merge             1      1  ingredient                   10.0%
        org/Base-12B      source model      1      3  base, ingredient             13.9%
        g2                merge             1      1  ingredient                   10.0%
        early             merge             2      2  base, ingredient              6.5%
        org/FT-A          source model      2      4  ingredient                    6.4%
        ./models/ft-c     source model      2      2  ingredient                    2.7%
        org/lora-x        adapter           2      2  adapter                       5.5%
        org/FT-B          source model      3      2  ingredient                    0.9%

        The share is an estimate: a Model Stock merge gives ingredient i t*w_i/sum(w) and its base 1-t,
        with t its parameter-weighted mean; a linear merge gives w_i/sum(w). Shares multiply along
        paths and add across paths. An adapter's share is the coefficient its delta carries.

        """#

    static let feederRoots = #"""
        Source models and adapters of final (recorded merges in .pedigree/lineage.db)
        model             kind          depth  paths  arrived as        share (estimate)
        org/Instruct-12B  source model      1      5  base, ingredient             76.1%
        org/Base-12B      source model      1      3  base, ingredient             13.9%
        org/FT-A          source model      2      4  ingredient                    6.4%
        ./models/ft-c     source model      2      2  ingredient                    2.7%
        org/lora-x        adapter           2      2  adapter                       5.5%
        org/FT-B          source model      3      2  ingredient                    0.9%

        The share is an estimate: a Model Stock merge gives ingredient i t*w_i/sum(w) and its base 1-t,
        with t its parameter-weighted mean; a linear merge gives w_i/sum(w). Shares multiply along
        paths and add across paths. An adapter's share is the coefficient its delta carries.

        """#

    static let usedBy = #"""
        Merges that use org/FT-B (recorded merges in .pedigree/lineage.db)
        depth  merge  method       state  used as
            1  early  model_stock  built  ingredient
            2  g      model_stock  built  through other merges
            2  g2     model_stock  built  through other merges
            3  final  model_stock  built  through other merges

        """#

    static let show = #"""
        Merge final (recorded merges in .pedigree/lineage.db)
        method       Model Stock (model_stock), semantics pedigree
        paper        Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024), https://arxiv.org/abs/2403.19522
        state        built
        identity     sha256:f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1
        content      sha256:f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2
        dtype        float32, out_dtype bfloat16
        parameters   filter_wise=false
        mean t       0.300 (parameter-weighted over tensors)
        base check   on an unmerged base (org/Instruct-12B)
        timings      started 2027-01-15T08:00:00Z, finished 2027-01-15T08:00:42Z, 42.5 s
        recipe file  recipes/family.yaml

        Inputs
        pos  role        model             weight  parameters  identity      content
          0  base        org/Instruct-12B                      1a1a1a1a1a1a  1a1a1a1a1a1a
          1  ingredient  g                                     919191919191  929292929292
          2  ingredient  g2                                    212121212121  222222222222
          3  ingredient  org/Base-12B                          b0b0b0b0b0b0  b0b0b0b0b0b0

        Tensor statistics by kind (t, and the mean pairwise cosine of the task vectors)
        kind              tensors  t min  t mean  t max  cos min  cos mean  cos max  t by layer
        embed_tokens            1  0.240   0.240  0.240    0.010     0.050    0.090  ▂
        self_attn.q_proj        2  0.200   0.300  0.400    0.050     0.150    0.300  ▁▆
        mlp.down_proj           2  0.300   0.400  0.500    0.100     0.250    0.400  ▃█
        Sparklines show t per layer from 0.200 (▁) to 0.500 (█).

        t per layer
        layer  q_proj  down_proj  cos mean
            0   0.200      0.300     0.125
            1   0.400      0.500     0.275

        Recipe
          name: final
          merge_method: model_stock
          base_model: org/Instruct-12B
          models:
            - model: g
            - model: g2
            - model: org/Base-12B
          dtype: float32
          out_dtype: bfloat16

        Notes
        template  Mistral V3-Tekken
        sampling  temperature 1, smoothing factor 0.3

        """#

    static let showOnMergedBase = #"""
        Merge g (recorded merges in .pedigree/lineage.db)
        method       Model Stock (model_stock), semantics pedigree
        paper        Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024), https://arxiv.org/abs/2403.19522
        state        built
        identity     sha256:9191919191919191919191919191919191919191919191919191919191919191
        content      sha256:9292929292929292929292929292929292929292929292929292929292929292
        dtype        float32, out_dtype bfloat16
        parameters   filter_wise=false
        mean t       0.500 (parameter-weighted over tensors)
        base check   on a merged base (early)
        timings      started 2027-01-15T08:00:00Z, finished 2027-01-15T08:00:42Z, 42.5 s
        recipe file  recipes/family.yaml

        Inputs
        pos  role          model             weight  parameters  identity      content
          0  base          early                                 e1e1e1e1e1e1  e2e2e2e2e2e2
          1  ingredient    ./models/ft-c     1                   fcfcfcfcfcfc  fcfcfcfcfcfc
          2  ingredient    org/FT-A          2                   fafafafafafa  fafafafafafa
          3  adapter on 2  org/lora-x                            adadadadadad  adadadadadad
          4  ingredient    org/Instruct-12B  1                   1a1a1a1a1a1a  1a1a1a1a1a1a

        """#

    static let diff = #"""
        Differences from g to g2 (recorded merges in .pedigree/lineage.db)
        base  early  ->  org/Instruct-12B
        ingredients only in g: org/Instruct-12B
        ingredients only in g2: early
        same: method, semantics, dtype, out_dtype, parameters

        """#
}
