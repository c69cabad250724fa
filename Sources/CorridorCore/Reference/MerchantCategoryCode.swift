/// An ISO 18245 merchant category code (MCC): four digits that classify a merchant's business.
///
/// Guarantees: `code` is 0...9999. `name` and `group` come from ``MerchantCategoryCode/known``; codes outside
/// that table are still valid MCCs, with a nil name.
public struct MerchantCategoryCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code as a number, 0...9999.
    public let code: Int

    /// Creates an MCC from a number; nil outside 0...9999.
    public init?(_ code: Int) {
        guard (0...9999).contains(code) else { return nil }
        self.code = code
    }

    /// Parses exactly four ASCII digits ("5812"), as EMV tag 52 and ISO 8583 field 18 carry it.
    public init?(text: String) {
        guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) else {
            return nil
        }
        self.code = value
    }

    /// The code as four digits with leading zeros.
    public var text: String {
        let digits = String(code)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// The table entry for this code, when Corridor knows it.
    public var entry: MerchantCategoryEntry? { MerchantCategoryCode.byCode[code] }

    /// The descriptive name, when known ("Eating Places, Restaurants").
    public var name: String? { entry?.name }

    public var description: String { text }

    public static func < (lhs: MerchantCategoryCode, rhs: MerchantCategoryCode) -> Bool { lhs.code < rhs.code }

    private static let byCode = Dictionary(uniqueKeysWithValues: known.map { ($0.code, $0) })
}

/// A row of the MCC table: code, name and the broad group it falls in.
public struct MerchantCategoryEntry: Sendable, Hashable {
    /// The four-digit code.
    public let code: Int
    /// The descriptive name.
    public let name: String
    /// The broad group used in reports (retail, travel, transport, lodging, food, services, cash).
    public let group: MerchantCategoryGroup
}

/// The broad groups Corridor reports merchant categories in.
public enum MerchantCategoryGroup: String, Sendable, Hashable, CaseIterable {
    case travel, transport, lodging, food, retail, services, entertainment, cash, government
}

extension MerchantCategoryCode {
    /// The codes Corridor names: the common retail, travel, transport, lodging and service codes of ISO 18245.
    public static let known: [MerchantCategoryEntry] = [
        .init(code: 3000, name: "United Airlines", group: .travel),
        .init(code: 3001, name: "American Airlines", group: .travel),
        .init(code: 3008, name: "Lufthansa", group: .travel),
        .init(code: 3010, name: "KLM", group: .travel),
        .init(code: 3012, name: "Qantas", group: .travel),
        .init(code: 3026, name: "Emirates", group: .travel),
        .init(code: 3031, name: "Air China", group: .travel),
        .init(code: 3046, name: "Aeroflot", group: .travel),
        .init(code: 3501, name: "Holiday Inns", group: .lodging),
        .init(code: 3502, name: "Best Western Hotels", group: .lodging),
        .init(code: 3504, name: "Hilton Hotels", group: .lodging),
        .init(code: 3509, name: "Marriott", group: .lodging),
        .init(code: 3640, name: "Hyatt Hotels", group: .lodging),
        .init(code: 4011, name: "Railroads — Freight", group: .transport),
        .init(code: 4111, name: "Local and Suburban Commuter Passenger Transportation", group: .transport),
        .init(code: 4112, name: "Passenger Railways", group: .transport),
        .init(code: 4121, name: "Taxicabs and Limousines", group: .transport),
        .init(code: 4131, name: "Bus Lines", group: .transport),
        .init(code: 4214, name: "Motor Freight Carriers, Trucking", group: .transport),
        .init(code: 4411, name: "Cruise Lines", group: .travel),
        .init(code: 4457, name: "Boat Rentals and Leasing", group: .travel),
        .init(code: 4468, name: "Marinas, Marine Service and Supplies", group: .transport),
        .init(code: 4511, name: "Airlines and Air Carriers", group: .travel),
        .init(code: 4582, name: "Airports, Flying Fields and Airport Terminals", group: .travel),
        .init(code: 4722, name: "Travel Agencies and Tour Operators", group: .travel),
        .init(code: 4784, name: "Tolls and Bridge Fees", group: .transport),
        .init(code: 4789, name: "Transportation Services", group: .transport),
        .init(code: 4812, name: "Telecommunication Equipment and Telephone Sales", group: .retail),
        .init(code: 4814, name: "Telecommunication Services", group: .services),
        .init(code: 4829, name: "Money Transfer", group: .cash),
        .init(code: 4900, name: "Utilities", group: .services),
        .init(code: 5045, name: "Computers and Peripheral Equipment", group: .retail),
        .init(code: 5111, name: "Stationery and Office Supplies", group: .retail),
        .init(code: 5137, name: "Uniforms and Commercial Clothing", group: .retail),
        .init(code: 5200, name: "Home Supply Warehouse Stores", group: .retail),
        .init(code: 5251, name: "Hardware Stores", group: .retail),
        .init(code: 5300, name: "Wholesale Clubs", group: .retail),
        .init(code: 5309, name: "Duty Free Stores", group: .retail),
        .init(code: 5310, name: "Discount Stores", group: .retail),
        .init(code: 5311, name: "Department Stores", group: .retail),
        .init(code: 5331, name: "Variety Stores", group: .retail),
        .init(code: 5399, name: "Miscellaneous General Merchandise", group: .retail),
        .init(code: 5411, name: "Grocery Stores and Supermarkets", group: .food),
        .init(code: 5422, name: "Freezer and Locker Meat Provisioners", group: .food),
        .init(code: 5441, name: "Candy, Nut and Confectionery Stores", group: .food),
        .init(code: 5451, name: "Dairy Products Stores", group: .food),
        .init(code: 5462, name: "Bakeries", group: .food),
        .init(code: 5499, name: "Miscellaneous Food Stores, Convenience Stores", group: .food),
        .init(code: 5511, name: "Car and Truck Dealers (New and Used)", group: .retail),
        .init(code: 5541, name: "Service Stations", group: .transport),
        .init(code: 5542, name: "Automated Fuel Dispensers", group: .transport),
        .init(code: 5611, name: "Men's and Boys' Clothing Stores", group: .retail),
        .init(code: 5621, name: "Women's Ready-to-Wear Stores", group: .retail),
        .init(code: 5641, name: "Children's and Infants' Wear Stores", group: .retail),
        .init(code: 5651, name: "Family Clothing Stores", group: .retail),
        .init(code: 5661, name: "Shoe Stores", group: .retail),
        .init(code: 5691, name: "Men's and Women's Clothing Stores", group: .retail),
        .init(code: 5712, name: "Furniture and Home Furnishings Stores", group: .retail),
        .init(code: 5722, name: "Household Appliance Stores", group: .retail),
        .init(code: 5732, name: "Electronics Stores", group: .retail),
        .init(code: 5734, name: "Computer Software Stores", group: .retail),
        .init(code: 5735, name: "Record Stores", group: .retail),
        .init(code: 5812, name: "Eating Places, Restaurants", group: .food),
        .init(code: 5813, name: "Drinking Places (Bars, Taverns, Nightclubs)", group: .food),
        .init(code: 5814, name: "Fast Food Restaurants", group: .food),
        .init(code: 5912, name: "Drug Stores and Pharmacies", group: .retail),
        .init(code: 5921, name: "Package Stores — Beer, Wine and Liquor", group: .retail),
        .init(code: 5932, name: "Antique Shops", group: .retail),
        .init(code: 5942, name: "Book Stores", group: .retail),
        .init(code: 5944, name: "Jewelry, Watch, Clock and Silverware Stores", group: .retail),
        .init(code: 5945, name: "Hobby, Toy and Game Shops", group: .retail),
        .init(code: 5946, name: "Camera and Photographic Supply Stores", group: .retail),
        .init(code: 5947, name: "Gift, Card, Novelty and Souvenir Shops", group: .retail),
        .init(code: 5948, name: "Luggage and Leather Goods Stores", group: .retail),
        .init(code: 5977, name: "Cosmetic Stores", group: .retail),
        .init(code: 5983, name: "Fuel Dealers", group: .retail),
        .init(code: 5992, name: "Florists", group: .retail),
        .init(code: 5993, name: "Cigar Stores and Stands", group: .retail),
        .init(code: 5994, name: "News Dealers and Newsstands", group: .retail),
        .init(code: 5999, name: "Miscellaneous and Specialty Retail Stores", group: .retail),
        .init(code: 6010, name: "Financial Institutions — Manual Cash Disbursements", group: .cash),
        .init(code: 6011, name: "Financial Institutions — Automated Cash Disbursements", group: .cash),
        .init(code: 6012, name: "Financial Institutions — Merchandise and Services", group: .services),
        .init(code: 6051, name: "Non-Financial Institutions — Foreign Currency, Money Orders", group: .cash),
        .init(code: 6300, name: "Insurance Sales, Underwriting and Premiums", group: .services),
        .init(code: 7011, name: "Lodging — Hotels, Motels, Resorts", group: .lodging),
        .init(code: 7012, name: "Timeshares", group: .lodging),
        .init(code: 7032, name: "Sporting and Recreational Camps", group: .lodging),
        .init(code: 7033, name: "Trailer Parks and Campgrounds", group: .lodging),
        .init(code: 7210, name: "Laundry, Cleaning and Garment Services", group: .services),
        .init(code: 7230, name: "Beauty and Barber Shops", group: .services),
        .init(code: 7298, name: "Health and Beauty Spas", group: .services),
        .init(code: 7299, name: "Miscellaneous Personal Services", group: .services),
        .init(code: 7372, name: "Computer Programming and Data Processing", group: .services),
        .init(code: 7399, name: "Business Services", group: .services),
        .init(code: 7512, name: "Car Rental Agencies", group: .transport),
        .init(code: 7523, name: "Parking Lots and Garages", group: .transport),
        .init(code: 7538, name: "Automotive Service Shops", group: .services),
        .init(code: 7832, name: "Motion Picture Theaters", group: .entertainment),
        .init(code: 7922, name: "Theatrical Producers and Ticket Agencies", group: .entertainment),
        .init(code: 7929, name: "Bands, Orchestras and Entertainers", group: .entertainment),
        .init(code: 7991, name: "Tourist Attractions and Exhibits", group: .entertainment),
        .init(code: 7996, name: "Amusement Parks, Carnivals, Circuses", group: .entertainment),
        .init(code: 7997, name: "Clubs — Country, Membership", group: .entertainment),
        .init(code: 7999, name: "Recreation Services", group: .entertainment),
        .init(code: 8011, name: "Doctors and Physicians", group: .services),
        .init(code: 8021, name: "Dentists and Orthodontists", group: .services),
        .init(code: 8062, name: "Hospitals", group: .services),
        .init(code: 8099, name: "Medical Services and Health Practitioners", group: .services),
        .init(code: 8211, name: "Elementary and Secondary Schools", group: .services),
        .init(code: 8220, name: "Colleges, Universities", group: .services),
        .init(code: 8299, name: "Schools and Educational Services", group: .services),
        .init(code: 8398, name: "Charitable and Social Service Organizations", group: .services),
        .init(code: 8999, name: "Professional Services", group: .services),
        .init(code: 9211, name: "Court Costs, Including Alimony and Child Support", group: .government),
        .init(code: 9222, name: "Fines", group: .government),
        .init(code: 9311, name: "Tax Payments", group: .government),
        .init(code: 9399, name: "Government Services", group: .government),
        .init(code: 9402, name: "Postal Services — Government Only", group: .government),
    ]
}
