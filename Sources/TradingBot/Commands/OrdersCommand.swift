import ArgumentParser
import Foundation
import Gateway

/// `orders --account ID`: orders of an account, listed (`Order/search`), working (from the
/// account's ``AccountMonitor``) or filtered and paged (`Order/v2/query`).
struct OrdersCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List the orders of an account.",
        discussion: """
            Without filters, lists the orders created in the window (default: the last 24 hours); \
            with --open, the working orders (open, pending, and bracket orders waiting for their \
            entry as suspended), oldest first, from the account's state as the user hub keeps it \
            (in the shell it is kept between commands). --status, --contract, --page-size and \
            --page filter and page the result, newest first (Order/v2/query); --from and --to \
            then bound the creation time and are optional. The page line goes to stderr.

            Statuses: open, filled, cancelled, expired, rejected, pending, pending-cancel, suspended.

            Example:
              trading-bot orders --account PRAC-V2-51342-73810925 --open
              trading-bot orders --account 8101001 --from 2026-11-20 --json
              trading-bot orders --account 8101001 --status filled,cancelled --contract MES --page-size 20 --page 2
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: ReadAccountOption

    @Flag(help: "Only working orders.")
    var open = false

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Orders created from this time (default without filters: -24h; see `bars --help` for the forms).", valueName: "time"),
        transform: TimeArgument.parse
    )
    var from: TimeArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Orders created until this time.", valueName: "time"), transform: TimeArgument.parse)
    var to: TimeArgument?

    @Option(help: ArgumentHelp("Only orders in these statuses, separated by commas.", valueName: "statuses"))
    var status: [OrderStatusListArgument] = []

    @Option(help: ArgumentHelp("Only orders for this contract (id or symbol).", valueName: "contract"))
    var contract: String?

    @Option(name: .customLong("page-size"), help: ArgumentHelp("Orders per page when filtering (1 to 1000; default 100).", valueName: "n"))
    var pageSize: Int?

    @Option(help: ArgumentHelp("The page to show when filtering, from 1.", valueName: "n"))
    var page: Int?

    /// Whether the filtered, paged query (`Order/v2/query`) is asked for.
    var isQuery: Bool { !status.isEmpty || contract != nil || pageSize != nil || page != nil }

    func validate() throws {
        if open, from != nil || to != nil { throw ValidationError("--open lists every working order; it takes no --from or --to.") }
        if open, isQuery { throw ValidationError("--open lists every working order; to filter, use --status open (with --contract, --page-size, --page) instead.") }
        if let pageSize, !(1...1000).contains(pageSize) { throw ValidationError("--page-size must be between 1 and 1000 (it is \(pageSize)).") }
        if let page, !(1...1_000_000).contains(page) { throw ValidationError("--page counts from 1 to 1000000 (it is \(page)).") }
    }

    func execute(in context: CommandContext) async throws {
        let now = Date()
        let start = try context.instant(from, option: "--from", now: now)
        let end = try context.instant(to, option: "--to", now: now)
        if let start, let end, start > end { throw CLIError.usage("--from must not be after --to.") }
        let account = try await context.readAccount(account.account)
        let orders: [Order]
        var pageNote: String?
        if isQuery {
            var contractId: String?
            if let contract { contractId = try await context.contract(contract).id }
            let size = pageSize ?? 100
            let pageNumber = page ?? 1
            let query = OrderQuery(
                filter: .init(
                    accountId: account.id, statuses: status.isEmpty ? nil : status.flatMap(\.statuses), contractId: contractId,
                    createdAfter: start, createdBefore: end
                ),
                pageSize: size, pageOffset: (pageNumber - 1) * size
            )
            let result = try await context.client.queryOrders(query)
            orders = result.orders
            pageNote = Self.pageNote(page: pageNumber, size: size, shown: orders.count, total: result.totalCount)
        } else if open {
            orders = try await context.accountState(of: account).state.workingOrders
        } else {
            orders = try await context.client.orders(accountId: account.id, from: start ?? now.addingTimeInterval(-86_400), to: end)
        }
        try context.output.jsonLines(orders)
        let empty = open ? "No working orders on \(account.name)." : (isQuery ? "No orders on \(account.name) match." : "No orders on \(account.name) in that window.")
        if !context.output.json {
            let symbols = await context.contractSymbols(for: orders.map(\.contractId))
            context.output.table(Self.table(orders, symbols: symbols, times: context.configuration.times), empty: empty)
        }
        if let pageNote, !orders.isEmpty || (page ?? 1) > 1 { context.output.note(pageNote) }
    }

    /// `Page 2 of 3: orders 21-40 of 57; next: --page 3`.
    static func pageNote(page: Int, size: Int, shown: Int, total: Int?) -> String {
        let first = (page - 1) * size + 1
        let range = shown == 0 ? "no orders" : "orders \(first)-\(first + shown - 1)"
        guard let total else {
            return "Page \(page): \(range)" + (shown == size ? "; next: --page \(page + 1)." : ".")
        }
        let pages = max(1, (total + size - 1) / size)
        guard shown > 0 else { return "Page \(page) is past the end: \(total) order\(total == 1 ? "" : "s") in \(pages) page\(pages == 1 ? "" : "s") of \(size)." }
        return "Page \(page) of \(pages): \(range) of \(total)" + (page < pages ? "; next: --page \(page + 1)." : ".")
    }

    static func table(_ orders: [Order], symbols: ContractSymbols, times: TimeDisplay) -> TextTable {
        var table = TextTable(columns: [
            .right("ID"), .left("SYMBOL"), .left("CONTRACT"), .left("SIDE"), .left("TYPE"), .right("SIZE"), .right("LIMIT"), .right("STOP"),
            .right("FILLED"), .right("FILL PRICE"), .left("STATUS"), .left("CREATED"), .left("TAG"),
        ])
        for order in orders {
            table.append([
                String(order.id), symbols.symbol(of: order.contractId), order.contractId, Formatting.side(order.side), Formatting.orderType(order.type), String(order.size),
                Formatting.price(order.limitPrice), Formatting.price(order.stopPrice), String(order.fillVolume),
                Formatting.price(order.filledPrice), Formatting.status(order.status), times.stamp(order.creationTimestamp),
                order.customTag ?? "",
            ])
        }
        return table
    }
}
