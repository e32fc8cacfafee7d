/// The demo's recipe set: the shape of an iterated Model Stock lineage such as the
/// MN-Sappho chain, on the synthetic family that `pedigree synthesize` writes.
enum DemoRecipe {
    static let fileName = "demo.yaml"

    static let text = """
        # Pedigree's demo lineage: iterated Model Stock merges on a synthetic Mistral-shaped family.
        # An early many-model merge becomes the base of later ones, a variant pair shares its
        # ingredients but not its base, and the final merge sits on the unmerged instruct model.
        name: demo-a
        merge_method: model_stock
        base_model: models/base
        models:
          - model: models/ft1
          - model: models/ft2
          - model: models/ft3
          - model: models/ft4
          - model: models/instruct
        dtype: float32
        out_dtype: bfloat16
        pedigree:
          notes: many ingredients, to limit how far the average moves the base
        ---
        name: demo-b
        merge_method: model_stock
        base_model: demo-a
        models:
          - model: models/ft2
          - model: models/ft5
          - model: models/ft6
        dtype: float32
        out_dtype: bfloat16
        ---
        name: demo-g
        merge_method: model_stock
        base_model: demo-b
        models:
          - model: demo-a
            parameters:
              weight: 0.8
          - model: models/ft1
            parameters:
              weight: 1.1
          - model: models/ft3
          - model: models/instruct
          - model: models/base
        dtype: float32
        out_dtype: bfloat16
        ---
        name: demo-g2
        merge_method: model_stock
        base_model: models/instruct
        models:
          - model: demo-a
            parameters:
              weight: 0.8
          - model: models/ft1
            parameters:
              weight: 1.1
          - model: models/ft3
          - model: models/base
        dtype: float32
        out_dtype: bfloat16
        pedigree:
          notes: the same ingredients as demo-g on the unmerged instruct base
        ---
        name: demo-final
        merge_method: model_stock
        base_model: models/instruct
        models:
          - model: demo-g
          - model: demo-g2
          - model: demo-b
          - model: models/base
        dtype: float32
        out_dtype: bfloat16
        pedigree:
          template: Mistral V3-Tekken ([INST]user[/INST]assistant, no spaces)
          sampling:
            temperature: 1.0
            min_p: 0.05

        """
}
