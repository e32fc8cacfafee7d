// Expected outputs for golden tests, generated from reviewed renderer output.

enum GraphGolden {
    static let dot = #"""
        digraph lineage {
          graph [rankdir=TB, labelloc=t, fontname="Helvetica", label="Ancestry of final (recorded merges in .pedigree/lineage.db)"];
          node [fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=9];
          n0 [label="org/Base-12B\nsource model\ncontent b0b0b0b0b0b0", shape=ellipse];
          n1 [label="org/Instruct-12B\nsource model\ncontent 1a1a1a1a1a1a", shape=ellipse];
          n2 [label="org/FT-A\nsource model\ncontent fafafafafafa", shape=ellipse];
          n3 [label="org/FT-B\nsource model\nid hf:org/FT-B@main", shape=ellipse];
          n4 [label="./models/ft-c\nsource model\ncontent fcfcfcfcfcfc", shape=ellipse];
          n5 [label="org/lora-x\nadapter\ncontent adadadadadad", shape=note];
          n6 [label="early\nmodel_stock, built\nid e1e1e1e1e1e1\ncontent e2e2e2e2e2e2\nmean t 0.400", shape=box, style="rounded,filled", fillcolor="#dbe8f5"];
          n7 [label="g\nmodel_stock, built\nid 919191919191\ncontent 929292929292\nmean t 0.500", shape=box, style="rounded,filled", fillcolor="#dbe8f5"];
          n8 [label="g2\nmodel_stock, built\nid 212121212121\ncontent 222222222222\nmean t 0.600", shape=box, style="rounded,filled", fillcolor="#dbe8f5"];
          n9 [label="final\nmodel_stock, built\nid f1f1f1f1f1f1\ncontent f2f2f2f2f2f2\nmean t 0.300", shape=box, style="rounded,filled,bold", fillcolor="#dbe8f5"];
          n0 -> n6 [label="base", style=bold, penwidth=2.5, color="#1f4e99"];
          n2 -> n6 [label="ingredient"];
          n3 -> n6 [label="ingredient"];
          n1 -> n6 [label="ingredient"];
          n6 -> n7 [label="base", style=bold, penwidth=2.5, color="#1f4e99"];
          n4 -> n7 [label="ingredient, weight 1"];
          n2 -> n7 [label="ingredient, weight 2"];
          n5 -> n7 [label="adapter on org/FT-A", style=dashed];
          n1 -> n7 [label="ingredient, weight 1"];
          n1 -> n8 [label="base", style=bold, penwidth=2.5, color="#1f4e99"];
          n4 -> n8 [label="ingredient, weight 1"];
          n2 -> n8 [label="ingredient, weight 2"];
          n5 -> n8 [label="adapter on org/FT-A", style=dashed];
          n6 -> n8 [label="ingredient, weight 1"];
          n1 -> n9 [label="base", style=bold, penwidth=2.5, color="#1f4e99"];
          n7 -> n9 [label="ingredient"];
          n8 -> n9 [label="ingredient"];
          n0 -> n9 [label="ingredient"];
        }

        """#

    static let mermaid = #"""
        flowchart TB
          n0["org/Base-12B<br/>source model<br/>content b0b0b0b0b0b0"]
          n1["org/Instruct-12B<br/>source model<br/>content 1a1a1a1a1a1a"]
          n2["org/FT-A<br/>source model<br/>content fafafafafafa"]
          n3["org/FT-B<br/>source model<br/>id hf:org/FT-B@main"]
          n4["./models/ft-c<br/>source model<br/>content fcfcfcfcfcfc"]
          n5(["org/lora-x<br/>adapter<br/>content adadadadadad"])
          n6("early<br/>model_stock, built<br/>id e1e1e1e1e1e1<br/>content e2e2e2e2e2e2<br/>mean t 0.400")
          n7("g<br/>model_stock, built<br/>id 919191919191<br/>content 929292929292<br/>mean t 0.500")
          n8("g2<br/>model_stock, built<br/>id 212121212121<br/>content 222222222222<br/>mean t 0.600")
          n9("final<br/>model_stock, built<br/>id f1f1f1f1f1f1<br/>content f2f2f2f2f2f2<br/>mean t 0.300")
          n0 ==>|"base"| n6
          n2 -->|"ingredient"| n6
          n3 -->|"ingredient"| n6
          n1 -->|"ingredient"| n6
          n6 ==>|"base"| n7
          n4 -->|"ingredient, weight 1"| n7
          n2 -->|"ingredient, weight 2"| n7
          n5 -.->|"adapter on org/FT-A"| n7
          n1 -->|"ingredient, weight 1"| n7
          n1 ==>|"base"| n8
          n4 -->|"ingredient, weight 1"| n8
          n2 -->|"ingredient, weight 2"| n8
          n5 -.->|"adapter on org/FT-A"| n8
          n6 -->|"ingredient, weight 1"| n8
          n1 ==>|"base"| n9
          n7 -->|"ingredient"| n9
          n8 -->|"ingredient"| n9
          n0 -->|"ingredient"| n9
          classDef target stroke-width:3px
          class n9 target

        """#

    static let json = #"""
        {
          "format_version": 1,
          "report": "graph",
          "source": {
            "kind": "recorded",
            "database": ".pedigree/lineage.db"
          },
          "target": "g",
          "nodes": [
            {
              "name": "org/Base-12B",
              "kind": "source",
              "hub_id": "org/Base-12B",
              "identity_hash": "sha256:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0",
              "content_hash": "sha256:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0"
            },
            {
              "name": "org/Instruct-12B",
              "kind": "source",
              "hub_id": "org/Instruct-12B",
              "identity_hash": "sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a",
              "content_hash": "sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a"
            },
            {
              "name": "org/FT-A",
              "kind": "source",
              "hub_id": "org/FT-A",
              "identity_hash": "sha256:fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa",
              "content_hash": "sha256:fafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafafa"
            },
            {
              "name": "org/FT-B",
              "kind": "source",
              "hub_id": "org/FT-B",
              "identity_hash": "hf:org/FT-B@main",
              "content_hash": null
            },
            {
              "name": "./models/ft-c",
              "kind": "source",
              "hub_id": null,
              "identity_hash": "sha256:fcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc",
              "content_hash": "sha256:fcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfcfc"
            },
            {
              "name": "org/lora-x",
              "kind": "adapter",
              "hub_id": "org/lora-x",
              "identity_hash": "sha256:adadadadadadadadadadadadadadadadadadadadadadadadadadadadadadadad",
              "content_hash": "sha256:adadadadadadadadadadadadadadadadadadadadadadadadadadadadadadadad"
            },
            {
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
            {
              "name": "g",
              "kind": "merge",
              "hub_id": null,
              "identity_hash": "sha256:9191919191919191919191919191919191919191919191919191919191919191",
              "content_hash": "sha256:9292929292929292929292929292929292929292929292929292929292929292",
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
                "mean_t": 0.5,
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
            }
          ],
          "edges": [
            {
              "child": "early",
              "parent": "org/Base-12B",
              "role": "base",
              "position": 0,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "early",
              "parent": "org/FT-A",
              "role": "ingredient",
              "position": 1,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "early",
              "parent": "org/FT-B",
              "role": "ingredient",
              "position": 2,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "early",
              "parent": "org/Instruct-12B",
              "role": "ingredient",
              "position": 3,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "g",
              "parent": "early",
              "role": "base",
              "position": 0,
              "weight": null,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "g",
              "parent": "./models/ft-c",
              "role": "ingredient",
              "position": 1,
              "weight": 1,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "g",
              "parent": "org/FT-A",
              "role": "ingredient",
              "position": 2,
              "weight": 2,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            },
            {
              "child": "g",
              "parent": "org/lora-x",
              "role": "adapter",
              "position": 3,
              "weight": null,
              "parameters": {},
              "adapter_target": 2,
              "input_identity": null
            },
            {
              "child": "g",
              "parent": "org/Instruct-12B",
              "role": "ingredient",
              "position": 4,
              "weight": 1,
              "parameters": {},
              "adapter_target": null,
              "input_identity": null
            }
          ]
        }

        """#
}
