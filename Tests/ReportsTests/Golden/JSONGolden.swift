// Expected outputs for golden tests, generated from reviewed renderer output.

enum JSONGolden {
    static let tree = #"""
        {
          "format_version": 1,
          "report": "tree",
          "source": {
            "kind": "recorded",
            "database": ".pedigree/lineage.db"
          },
          "depth_limit": 1,
          "root": {
            "name": "g2",
            "shown_above": false,
            "node": {
              "name": "g2",
              "kind": "merge",
              "hub_id": null,
              "identity_hash": "sha256:2121212121212121212121212121212121212121212121212121212121212121",
              "content_hash": "sha256:2222222222222222222222222222222222222222222222222222222222222222",
              "merge": {
                "method": "model_stock",
                "method_display_name": "Model Stock",
                "paper": {
                  "title": "Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)",
                  "url": "https://arxiv.org/abs/2403.19522"
                },
                "semantics": "pedigree",
                "dtype": "float32",
                "out_dtype": "bfloat16",
                "parameters": {
                  "filter_wise": false
                },
                "state": "built",
                "mean_t": 0.6,
                "timings": {
                  "started": "2027-01-15T08:00:00Z",
                  "finished": "2027-01-15T08:00:42Z",
                  "seconds": 42.5
                },
                "recipe_path": "recipes/family.yaml",
                "notes": null,
                "template": null,
                "sampling": null
              }
            },
            "inputs_below_depth_limit": 0,
            "inputs": [
              {
                "name": "org/Instruct-12B",
                "role": "base",
                "position": 0,
                "weight": null,
                "shown_above": false,
                "node": {
                  "name": "org/Instruct-12B",
                  "kind": "source",
                  "hub_id": "org/Instruct-12B",
                  "identity_hash": "sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a",
                  "content_hash": "sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a"
                },
                "inputs_below_depth_limit": 0,
                "inputs": []
              },
              {
                "name": "./models/ft-c",
                "role": "ingredient",
                "position": 1,
                "weight": 1,
                "shown_above": false,
                "node": {
                  "name": "./models/ft-c",
                  "kind": "source",
                  "hub_id": null,
                  "identity_hash": "sha256:fcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc",
                  "content_hash": "sha256:fcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc"
                },
                "inputs_below_depth_limit": 0,
                "inputs": []
              },
              {
                "name": "org/FT-A",
                "role": "ingredient",
                "position": 2,
                "weight": 2,
                "shown_above": false,
                "node": {
                  "name": "org/FT-A",
                  "kind": "source",
                  "hub_id": "org/FT-A",
                  "identity_hash": "sha256:fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa",
                  "content_hash": "sha256:fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa"
                },
                "inputs_below_depth_limit": 0,
                "inputs": []
              },
              {
                "name": "org/lora-x",
                "role": "adapter",
                "position": 3,
                "weight": null,
                "adapter_target": 2,
                "shown_above": false,
                "node": {
                  "name": "org/lora-x",
                  "kind": "adapter",
                  "hub_id": "org/lora-x",
                  "identity_hash": "sha256:adadadadadadadadadadadadadadadadadadadadadadadadadadadadadadadad",
                  "content_hash": "sha256:adadadadadadadadadadadadadadadadadadadadadadadadadadadadadadadad"
                },
                "inputs_below_depth_limit": 0,
                "inputs": []
              },
              {
                "name": "early",
                "role": "ingredient",
                "position": 4,
                "weight": 1,
                "shown_above": false,
                "node": {
                  "name": "early",
                  "kind": "merge",
                  "hub_id": null,
                  "identity_hash": "sha256:e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1",
                  "content_hash": "sha256:e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2",
                  "merge": {
                    "method": "model_stock",
                    "method_display_name": "Model Stock",
                    "paper": {
                      "title": "Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)",
                      "url": "https://arxiv.org/abs/2403.19522"
                    },
                    "semantics": "pedigree",
                    "dtype": "float32",
                    "out_dtype": "bfloat16",
                    "parameters": {
                      "filter_wise": false
                    },
                    "state": "built",
                    "mean_t": 0.4,
                    "timings": {
                      "started": "2027-01-15T08:00:00Z",
                      "finished": "2027-01-15T08:00:42Z",
                      "seconds": 42.5
                    },
                    "recipe_path": "recipes/family.yaml",
                    "notes": null,
                    "template": null,
                    "sampling": null
                  }
                },
                "inputs_below_depth_limit": 4,
                "inputs": []
              }
            ]
          }
        }

        """#

    static let feeders = #"""
        {
          "format_version": 1,
          "report": "feeders",
          "source": {
            "kind": "recorded",
            "database": ".pedigree/lineage.db"
          },
          "target": "final",
          "roots_only": true,
          "feeders": [
            {
              "name": "org/Instruct-12B",
              "kind": "source",
              "depth": 1,
              "paths": 5,
              "roles": [
                "base",
                "ingredient"
              ],
              "estimated_share": 0.7611666666666667
            },
            {
              "name": "org/Base-12B",
              "kind": "source",
              "depth": 1,
              "paths": 3,
              "roles": [
                "base",
                "ingredient"
              ],
              "estimated_share": 0.13899999999999998
            },
            {
              "name": "org/FT-A",
              "kind": "source",
              "depth": 2,
              "paths": 4,
              "roles": [
                "ingredient"
              ],
              "estimated_share": 0.06366666666666666
            },
            {
              "name": "./models/ft-c",
              "kind": "source",
              "depth": 2,
              "paths": 2,
              "roles": [
                "ingredient"
              ],
              "estimated_share": 0.027499999999999997
            },
            {
              "name": "org/lora-x",
              "kind": "adapter",
              "depth": 2,
              "paths": 2,
              "roles": [
                "adapter"
              ],
              "estimated_share": 0.05499999999999999
            },
            {
              "name": "org/FT-B",
              "kind": "source",
              "depth": 3,
              "paths": 2,
              "roles": [
                "ingredient"
              ],
              "estimated_share": 0.008666666666666665
            }
          ],
          "share_is_estimate": true,
          "assumed_model_stock_t": null,
          "merges_with_assumed_t": [],
          "merges_without_t": [],
          "unknown_share_reasons": []
        }

        """#

    static let usedBy = #"""
        {
          "format_version": 1,
          "report": "used-by",
          "source": {
            "kind": "recorded",
            "database": ".pedigree/lineage.db"
          },
          "target": "early",
          "merges": [
            {
              "name": "g",
              "depth": 1,
              "method": "model_stock",
              "state": "built",
              "direct_roles": [
                "base"
              ]
            },
            {
              "name": "g2",
              "depth": 1,
              "method": "model_stock",
              "state": "built",
              "direct_roles": [
                "ingredient"
              ]
            },
            {
              "name": "final",
              "depth": 2,
              "method": "model_stock",
              "state": "built",
              "direct_roles": []
            }
          ]
        }

        """#

    static let show = #"""
        {
          "format_version": 1,
          "report": "show",
          "source": {
            "kind": "recorded",
            "database": ".pedigree/lineage.db"
          },
          "merge": {
            "name": "final",
            "kind": "merge",
            "hub_id": null,
            "identity_hash": "sha256:f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1",
            "content_hash": "sha256:f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2",
            "merge": {
              "method": "model_stock",
              "method_display_name": "Model Stock",
              "paper": {
                "title": "Model Stock: All we need is just a few fine-tuned models (Jang et al., 2024)",
                "url": "https://arxiv.org/abs/2403.19522"
              },
              "semantics": "pedigree",
              "dtype": "float32",
              "out_dtype": "bfloat16",
              "parameters": {
                "filter_wise": false
              },
              "state": "built",
              "mean_t": 0.3,
              "timings": {
                "started": "2027-01-15T08:00:00Z",
                "finished": "2027-01-15T08:00:42Z",
                "seconds": 42.5
              },
              "recipe_path": "recipes/family.yaml",
              "notes": null,
              "template": "Mistral V3-Tekken",
              "sampling": "temperature 1, smoothing factor 0.3"
            }
          },
          "inputs": [
            {
              "child": "final",
              "parent": "org/Instruct-12B",
              "role": "base",
              "position": 0,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "final",
              "parent": "g",
              "role": "ingredient",
              "position": 1,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "final",
              "parent": "g2",
              "role": "ingredient",
              "position": 2,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "final",
              "parent": "org/Base-12B",
              "role": "ingredient",
              "position": 3,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            }
          ],
          "base_check": {
            "base": "org/Instruct-12B",
            "on_unmerged_base": true,
            "merged_base_chain": []
          },
          "tensor_statistics": [
            {
              "tensor": "model.embed_tokens.weight",
              "t": 0.24,
              "mean_cosine": 0.05,
              "min_cosine": 0.01,
              "max_cosine": 0.09,
              "element_count": 1000
            },
            {
              "tensor": "model.layers.0.self_attn.q_proj.weight",
              "t": 0.2,
              "mean_cosine": 0.1,
              "min_cosine": 0.05,
              "max_cosine": 0.2,
              "element_count": 100
            },
            {
              "tensor": "model.layers.0.mlp.down_proj.weight",
              "t": 0.3,
              "mean_cosine": 0.15,
              "min_cosine": 0.1,
              "max_cosine": 0.25,
              "element_count": 300
            },
            {
              "tensor": "model.layers.1.self_attn.q_proj.weight",
              "t": 0.4,
              "mean_cosine": 0.2,
              "min_cosine": 0.12,
              "max_cosine": 0.3,
              "element_count": 100
            },
            {
              "tensor": "model.layers.1.mlp.down_proj.weight",
              "t": 0.5,
              "mean_cosine": 0.35,
              "min_cosine": 0.3,
              "max_cosine": 0.4,
              "element_count": 300
            }
          ],
          "recipe": "name: final\nmerge_method: model_stock\nbase_model: org/Instruct-12B\nmodels:\n  - model: g\n  - model: g2\n  - model: org/Base-12B\ndtype: float32\nout_dtype: bfloat16"
        }

        """#

    static let diff = #"""
        {
          "format_version": 1,
          "report": "diff",
          "source": {
            "kind": "recorded",
            "database": ".pedigree/lineage.db"
          },
          "old": "g",
          "new": "g2",
          "fields": [
            {
              "field": "base",
              "old": "early",
              "new": "org/Instruct-12B"
            }
          ],
          "parameters": [],
          "ingredients_added": [
            "early"
          ],
          "ingredients_removed": [
            "org/Instruct-12B"
          ],
          "ingredient_changes": [],
          "same": [
            "method",
            "semantics",
            "dtype",
            "out_dtype",
            "parameters"
          ]
        }

        """#
}
