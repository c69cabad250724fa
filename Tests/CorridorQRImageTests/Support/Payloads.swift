/// Payloads the image tests encode and decode back.
enum Payloads {
    /// A typical EMV merchant-presented payload (UnionPay tag 15, CNY, valid CRC), 157 characters.
    static let emv = "00020101021215326210000000000000000000000123456752045812530315654062"
        + "50.005802CN5918CORRIDOR TEA HOUSE6007BEIJING62330517ORDER-2025-0001230708TERM000163048225"
    /// An EMV payload whose alternate-language template (64) holds a Cyrillic merchant name (lengths in
    /// characters, CRC over the UTF-8 bytes).
    static let cyrillic = "0002010102115204581253036435406510.005802RU5913ROMASHKA CAFE6006MOSKVA"
        + "64320002RU0112Кафе Ромашка0206Москва63048E01"
    /// An EMV payload whose alternate-language template (64) holds a Chinese merchant name.
    static let chinese = "000201010211520458125303156540525.005802CN5918CORRIDOR TEA HOUSE6007BEIJING"
        + "64200002ZH0104北京茶馆0202北京63043C91"
    /// A GOST R 56042 payload in UTF-8 (encoding digit 2) with Cyrillic names.
    static let gost = "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810138250123017"
        + "|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=150000|Purpose=Оплата чая"

    /// Every payload with a name, for parameterized tests.
    static let all: [(name: String, text: String)] = [
        ("emv", emv), ("cyrillic", cyrillic), ("chinese", chinese), ("gost", gost),
    ]
}
