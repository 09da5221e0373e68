import ArgumentParser
import Foundation
import Gateway

/// `orders --account ID`: orders of an account, listed (`Order/search`), working
/// (`Order/searchOpen`) or filtered and paged (`Order/v2/query`).
struct OrdersCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List the orders of an account.",
        discussion: """
            Without filters, lists the orders created in the window (default: the last 24 hours); \
            with --open, the working orders. --status, --contract, --page-size and --page filter \
            and page the result, newest first (Order/v2/query); --from and --to then bound the \
            creation time and are optional. Unlike --open, --status open,suspended also shows \
            bracket orders waiting for their entry. The page line goes to stderr.

            Statuses: open, filled, cancelled, expired, rejected, pending, pending-cancel, suspended.

            Example:
              trading-bot orders --account PRAC-V2-51342-73810925 --open
              trading-bot orders --account 8101001 --from 2026-11-20 --json
              trading-bot orders --account 8101001 --status filled,cancelled --contract MES --page-size 20 --page 2
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Flag(help: "Only working orders.")
    var open = false

    @Option(help: ArgumentHelp("Orders created from this time (default without filters: 24 hours ago).", valueName: "time"))
    var from: TimeArgument?

    @Option(help: ArgumentHelp("Orders created until this time.", valueName: "time"))
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
        if let from, let to, from.date > to.date { throw ValidationError("--from must not be after --to.") }
    }

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
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
                    createdAfter: from?.date, createdBefore: to?.date
                ),
                pageSize: size, pageOffset: (pageNumber - 1) * size
            )
            let result = try await context.client.queryOrders(query)
            orders = result.orders
            pageNote = Self.pageNote(page: pageNumber, size: size, shown: orders.count, total: result.totalCount)
        } else if open {
            orders = try await context.client.openOrders(accountId: account.id)
        } else {
            orders = try await context.client.orders(accountId: account.id, from: from?.date ?? Date().addingTimeInterval(-86_400), to: to?.date)
        }
        try context.output.jsonLines(orders)
        let empty = open ? "No working orders on \(account.name)." : (isQuery ? "No orders on \(account.name) match." : "No orders on \(account.name) in that window.")
        context.output.table(Self.table(orders), empty: empty)
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

    static func table(_ orders: [Order]) -> TextTable {
        var table = TextTable(columns: [
            .right("ID"), .left("CONTRACT"), .left("SIDE"), .left("TYPE"), .right("SIZE"), .right("LIMIT"), .right("STOP"),
            .right("FILLED"), .right("FILL PRICE"), .left("STATUS"), .left("CREATED (UTC)"), .left("TAG"),
        ])
        for order in orders {
            table.append([
                String(order.id), order.contractId, Formatting.side(order.side), Formatting.orderType(order.type), String(order.size),
                Formatting.price(order.limitPrice), Formatting.price(order.stopPrice), String(order.fillVolume),
                Formatting.price(order.filledPrice), Formatting.status(order.status), Formatting.time(order.creationTimestamp),
                order.customTag ?? "",
            ])
        }
        return table
    }
}
