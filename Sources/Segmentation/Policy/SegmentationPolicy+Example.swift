extension SegmentationPolicy {
    /// The example policy a private bank starts from, as JSON: the individual VIP ladder (AUM or
    /// value score, with keep bands; private banking by approval) and the four strategic corporate
    /// tiers (core and key reviewed quarterly, potential and ecosystem half-yearly; core by
    /// committee approval), the classification dimensions, three segments and two exit triggers.
    ///
    /// Load it with `try SegmentationPolicy(json: SegmentationPolicy.exampleJSON)`.
    public static let exampleJSON = """
        {
          "name": "vip-example", "version": 1,
          "movement": { "upgradeAfter": 1, "downgradeAfter": 2, "graceDays": 30, "approverRoles": ["headOffice"] },
          "ladders": [
            { "ladder": "individual-vip", "kind": "individual", "tiers": [
              { "id": "mass", "service": { "rmGrade": "pool", "reviewCadence": "yearly", "contactEveryDays": 180 } },
              { "id": "gold", "match": "any", "criteria": [
                  { "name": "assets", "fact": "aum", "atLeast": 100000, "keepAtLeast": 80000 },
                  { "name": "value", "fact": "score", "atLeast": 60, "keepAtLeast": 55 } ],
                "service": { "rmGrade": "standard", "reviewCadence": "half-yearly", "contactEveryDays": 90, "resourcePriority": 4 } },
              { "id": "platinum", "match": "any", "criteria": [
                  { "name": "assets", "fact": "aum", "atLeast": 500000, "keepAtLeast": 400000 },
                  { "name": "value", "fact": "score", "atLeast": 70, "keepAtLeast": 65 } ],
                "service": { "rmGrade": "senior", "reviewCadence": "quarterly", "contactEveryDays": 60, "resourcePriority": 3 } },
              { "id": "diamond", "match": "any", "criteria": [
                  { "name": "assets", "fact": "aum", "atLeast": 2000000, "keepAtLeast": 1600000 },
                  { "name": "value", "fact": "score", "atLeast": 80, "keepAtLeast": 76 } ],
                "service": { "rmGrade": "senior", "expertTeam": ["investment"], "reviewCadence": "quarterly",
                             "contactEveryDays": 30, "resourcePriority": 2 } },
              { "id": "private_banking", "needsApproval": true, "criteria": [
                  { "name": "assets", "fact": "aum", "atLeast": 6000000, "keepAtLeast": 5000000 } ],
                "service": { "rmGrade": "executive", "expertTeam": ["investment", "tax", "family office"],
                             "reviewCadence": "quarterly", "contactEveryDays": 14, "resourcePriority": 1 } }
            ] },
            { "ladder": "strategic-corporate", "kind": "corporate", "tiers": [
              { "id": "ecosystem", "service": { "rmGrade": "industry expert", "reviewCadence": "half-yearly", "contactEveryDays": 60 } },
              { "id": "potential", "criteria": [
                  { "name": "value", "fact": "score", "atLeast": 40, "keepAtLeast": 35 } ],
                "service": { "rmGrade": "dedicated", "expertTeam": ["growth"], "reviewCadence": "half-yearly",
                             "contactEveryDays": 30, "resourcePriority": 3 } },
              { "id": "key", "criteria": [
                  { "name": "value", "fact": "score", "atLeast": 60, "keepAtLeast": 55 },
                  { "name": "assets", "fact": "aum", "atLeast": 10000000, "keepAtLeast": 8000000 } ],
                "service": { "rmGrade": "senior", "expertTeam": ["product"], "reviewCadence": "quarterly",
                             "contactEveryDays": 14, "resourcePriority": 2 } },
              { "id": "core", "needsApproval": true, "criteria": [
                  { "name": "value", "fact": "score", "atLeast": 75, "keepAtLeast": 70 },
                  { "name": "assets", "fact": "aum", "atLeast": 50000000, "keepAtLeast": 40000000 } ],
                "service": { "rmGrade": "executive", "expertTeam": ["credit", "investment banking", "transaction banking"],
                             "reviewCadence": "quarterly", "contactEveryDays": 7, "resourcePriority": 1 } }
            ] }
          ],
          "dimensions": [
            { "name": "industry", "fact": "industry" }, { "name": "region", "fact": "corporate.region" },
            { "name": "ownership", "fact": "corporate.ownership" }, { "name": "lifecycle", "fact": "corporate.lifecycle" }
          ],
          "segments": [
            { "name": "young_affluent", "condition": "age < 40 and aum >= 1m CNY", "summary": "Under 40 with CNY 1m or more" },
            { "name": "at_risk_wealth", "condition": "churn.risk >= \\"high\\" and aum >= 500k CNY", "summary": "Wealthy clients showing churn" },
            { "name": "top_decile", "condition": "score.decile = 10", "summary": "The top tenth of the book by value score" }
          ],
          "exits": [
            { "name": "risk", "condition": "credit_rating <= ccc", "reason": "credit rating fell to CCC or below" }
          ]
        }
        """
}
