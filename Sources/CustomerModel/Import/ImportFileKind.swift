extension ImportFile {
    /// The kind of records an export file holds, and so its columns.
    ///
    /// Column names are matched without regard to case; a column the kind does not define is an
    /// error (``ImportError/Code/unknownColumn``). Empty values count as absent. Common rules:
    ///
    /// - Dates are `YYYY-MM-DD`; times are `HH:MM` or `HH:MM:SS` in the bank's time zone.
    /// - Enum values are the Swift case names (`timeDeposit`, `transferOut`, `reviewDue`), any case.
    /// - Amounts are decimals in major units with at most two decimal places (`1234.50`, `-20`,
    ///   `1,000,000`), in the record's `currency` (an ISO 4217 code such as `CNY`).
    /// - Lists are `;`-separated in CSV (a JSON array of strings also works in JSON Lines).
    /// - Flags are `true`/`false` (also `yes`/`no`, `y`/`n`, `1`/`0`).
    /// - `customer` names the record's client by their number in the file's source system, or in
    ///   the system named by `customerSystem`; a customers file of the same import must contain it.
    ///   The importer replaces it with the golden ``CustomerID``.
    /// - Account, holding, transaction and interaction ids are used as given and must be unique
    ///   bank-wide (the store keys on them; transaction and interaction ids are idempotency keys).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Client records, one per client per source system. Required columns: `id`, `name`.
        ///
        /// | column | meaning |
        /// |---|---|
        /// | `id` | the client's number in the source system (required) |
        /// | `customerID` | the golden id the host already assigned (for example its ECIF number): records carrying the same one are merged, and the golden profile takes it as its ``CustomerID`` |
        /// | `kind` | `individual` (default) or `corporate` |
        /// | `name` | full or registered name (required) |
        /// | `nationalID` | national ID number of a person |
        /// | `birthDate` | birth date, or founding date of an organisation |
        /// | `maritalStatus` | ``MaritalStatus`` |
        /// | `weddingDate` | wedding anniversary |
        /// | `children` | `name|birthDate|educationStage` entries separated by `;`, each part may be empty (`Li Lei|2012-05-01|primary;|2016-03-03|preschool`); in JSON Lines also an array of objects with keys `name`, `birthDate`, `educationStage` |
        /// | `occupation` | free text |
        /// | `position` | ``Position`` |
        /// | `industry` | free text |
        /// | `mobile`, `phone`, `email`, `wechat`, `address` | one primary ``ContactPoint`` of each kind |
        /// | `riskAppetite` | ``RiskAppetite`` |
        /// | `creditRating` | ``CreditRating``: `AAA` ... `D` |
        /// | `kycState`, `kycReviewedOn`, `kycNextReviewOn` | ``KYCStatus``; the dates need a state |
        /// | `relationshipManager` | staff id of the assigned RM |
        /// | `branch` | booking branch id; some record of each client must give one |
        /// | `serviceTeam` | staff ids, a list |
        /// | `onboardedOn` | the day the client signed |
        /// | `consentsGranted`, `consentsRefused` | ``Consent/Purpose`` lists (`service;marketing`) |
        /// | `consentedOn` | the day the consents were recorded (default: when the import is planned) |
        /// | `registrationID` | unified social credit code of an organisation |
        /// | `annualRevenue`, `totalAssets`, `profitContribution` | amounts in `currency` |
        /// | `currency` | currency of the three amounts above; required when one is given |
        /// | `industryRank`, `productBreadth`, `yearsOfCooperation` | whole numbers, not negative |
        /// | `growthPotential`, `innovationCapacity`, `operatingStability`, `strategicFit`, `esgRating` | expert ratings 1 to 5 |
        /// | `region` | free text |
        /// | `ownership` | ``OwnershipType`` |
        /// | `lifecycleStage` | ``LifecycleStage`` |
        /// | `tags` | tag names, a list; an entry `category:name` with a ``Tag/Category`` case name sets the category (default `other`) |
        ///
        /// The corporate columns (`registrationID` to `lifecycleStage`) are for `corporate` records only.
        case customers
        /// Accounts. Required columns: `id`, `customer`, `product`, `currency`, `openedOn`.
        ///
        /// | column | meaning |
        /// |---|---|
        /// | `id` | the ``AccountID`` |
        /// | `customer`, `customerSystem` | the owner (see above) |
        /// | `product` | ``ProductType`` |
        /// | `currency` | account currency |
        /// | `openedOn`, `closedOn` | dates |
        /// | `status` | ``Account/Status``, default `open` |
        case accounts
        /// Holdings. Required columns: `id`, `customer`, `product`, `productCode`, `balance`,
        /// `currency`, `openedOn`.
        ///
        /// | column | meaning |
        /// |---|---|
        /// | `id` | the ``HoldingID`` |
        /// | `customer`, `customerSystem` | the holder |
        /// | `account` | the ``AccountID`` it sits in |
        /// | `product` | ``ProductType`` |
        /// | `productCode` | catalogue code or name of the product |
        /// | `balance` | balance or market value (outstanding principal of a loan); not negative for assets |
        /// | `currency` | currency of `balance` and `renewedAmount` |
        /// | `openedOn` | date |
        /// | `maturesOn` | date, not before `openedOn` |
        /// | `renewal` | `renewed`, `partlyRenewed` or `movedOut` (``RenewalOutcome``) |
        /// | `renewedAmount` | the amount that stayed; required with `partlyRenewed` |
        /// | `rateBasisPoints` | annual rate in basis points, a whole number |
        case holdings
        /// Transactions. Required columns: `id`, `customer`, `day`, `type`, `direction`, `amount`,
        /// `currency`.
        ///
        /// | column | meaning |
        /// |---|---|
        /// | `id` | the ``TransactionID`` (idempotency key) |
        /// | `customer`, `customerSystem` | the client |
        /// | `account` | the ``AccountID`` booked |
        /// | `day` | booking date |
        /// | `time` | `HH:MM[:SS]`, sets ``Transaction/secondOfDay`` (default midnight) |
        /// | `type` | ``TransactionType`` |
        /// | `direction` | ``Direction``: `inflow` or `outflow` |
        /// | `amount` | positive amount |
        /// | `currency` | currency of `amount` |
        /// | `channel` | ``Channel``, default `other` |
        /// | `merchantCategory` | ``MerchantCategory`` |
        /// | `counterparty` | free text |
        /// | `isOverseas` | flag, default `false` |
        case transactions
        /// Interactions. Required columns: `id`, `customer`, `day`, `channel`, `kind`; the detail
        /// columns each ``InteractionKind`` needs are required on its rows.
        ///
        /// | column | meaning |
        /// |---|---|
        /// | `id` | the ``InteractionID`` (idempotency key) |
        /// | `customer`, `customerSystem` | the client |
        /// | `day` | date |
        /// | `time` | `HH:MM[:SS]` (default midnight) in the bank's time zone |
        /// | `channel` | ``InteractionChannel`` |
        /// | `staff` | staff id involved |
        /// | `kind` | ``InteractionKind`` |
        /// | `notes` | `contact`: notes |
        /// | `category`, `severity` | `complaint`: category (required) and severity 1-3 (required) |
        /// | `resolvedOn` | `complaint`, `serviceRequest`: date resolved |
        /// | `topic` | `serviceRequest`: topic (required) |
        /// | `score` | `satisfaction`: 1-5 (required) |
        /// | `pagesViewed`, `dwellSeconds`, `productInterest` | `appSession`: the first two required |
        /// | `event` | `eventAttendance`: the event (required) |
        /// | `promise`, `dueOn`, `fulfilledOn` | `servicePromise`: the first two required |
        ///
        /// A detail column that does not belong to the row's kind is ignored.
        case interactions

        /// Every column the kind defines, required ones first.
        public var columns: [String] { columnSet.names }

        /// The columns a file of this kind must have.
        public var requiredColumns: [String] { columnSet.names.filter { columnSet.isRequired($0) } }

        var columnSet: ColumnSet {
            switch self {
            case .customers: ColumnSet.customers
            case .accounts: ColumnSet.accounts
            case .holdings: ColumnSet.holdings
            case .transactions: ColumnSet.transactions
            case .interactions: ColumnSet.interactions
            }
        }
    }
}
