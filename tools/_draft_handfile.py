"""One-off: write the reviewed hand-kept historicals CSV, verifying each quote is on its line."""
import sys
from pathlib import Path
sys.path.insert(0, ".")
from builder.historicals.records import Figure, Kind, Source
from builder.historicals.table import write_figures, UNIT_OF_MEASURE
from builder.historicals.vocabulary import METRICS

D = {"000": "000_d3043b5ac97c354b.txt", "001": "001_0b56c619b6183fc4.txt", "002": "002_24f3fecbb64800ce.txt",
     "003": "003_1df9bbaade28d23b.txt", "004": "004_44edf978f94c6965.txt"}
A, E, M = Kind.ACTUAL, Kind.ESTIMATE, Kind.MARKET
rows = [
 # entity metric period value precision kind broker currency doc line quote
 ("KC","revenue","FY2024",7785,1,A,"","CNY","001",10,"总营业收入 77.85 亿元"),
 ("KC","revenue_yoy","FY2024",0.105,0.001,A,"","","001",10,"同比增长 10.5%"),
 ("KC","net_income","FY2024",-1967,1,A,"","CNY","001",12,"净亏损为 19.67 亿元"),
 ("KC","revenue","4Q24",2232,1,A,"","CNY","001",14,"营业收入达到 22.32 亿元"),
 ("KC","revenue_yoy","4Q24",0.296,0.001,A,"","","001",16,"29.6%"),
 ("KC","adj_ebitda","4Q24",360,1,A,"","CNY","001",16,"调整后 EBITDA 为 3.60 亿元"),
 ("KC","adj_ebitda_margin","4Q24",0.161,0.001,A,"","","001",18,"EBITDA 利润率为 16.1%"),
 ("KC","adj_operating_income","4Q24",24,1,A,"","CNY","001",18,"调整后经营利润为 0.24 亿元"),
 ("KC","net_income","FY2023",-2176,1,A,"","CNY","001",119,"较 2023 年的 21.76 亿元"),
 ("KC","adj_operating_income","3Q24",-188,1,A,"","CNY","001",135,"营利润为亏损 1.88 亿元"),
 ("KC","ai_revenue","FY2024",1322,1,A,"","CNY","001",135,"实现收入为 13.22"),
 ("KC","ai_revenue","4Q24",474,1,A,"","CNY","001",137,"AI 业务收入达 4.74 亿元"),
 ("KC","ai_share_of_public_cloud","4Q24",0.34,0.01,A,"","","001",139,"公有云收入的 34%"),
 ("KC","revenue","FY2023",7047,1,A,"","CNY","001",56,"营业额 7,047 7,785 9,880 11,952 14,022"),
 ("KC","revenue","FY2024",7785,1,A,"","CNY","001",56,"营业额 7,047 7,785 9,880 11,952 14,022"),
 ("KC","revenue","FY2025",9880,1,E,"Guoyuan 2025-05-15","CNY","001",56,"营业额 7,047 7,785 9,880 11,952 14,022"),
 ("KC","revenue","FY2026",11952,1,E,"Guoyuan 2025-05-15","CNY","001",56,"营业额 7,047 7,785 9,880 11,952 14,022"),
 ("KC","revenue","FY2027",14022,1,E,"Guoyuan 2025-05-15","CNY","001",56,"营业额 7,047 7,785 9,880 11,952 14,022"),
 ("KC","revenue_yoy","FY2023",-0.1385,0.0001,A,"","","001",58,"同比增长 -13.85% 10.47% 26.90% 20.98% 17.32%"),
 ("KC","revenue_yoy","FY2024",0.1047,0.0001,A,"","","001",58,"同比增长 -13.85% 10.47% 26.90% 20.98% 17.32%"),
 ("KC","net_income","FY2023",-2176,1,A,"","CNY","001",60,"净利润 -2,176 -1,967 -439 -54 426"),
 ("KC","net_income","FY2024",-1967,1,A,"","CNY","001",60,"净利润 -2,176 -1,967 -439 -54 426"),
 ("KC","net_income","FY2025",-439,1,E,"Guoyuan 2025-05-15","CNY","001",60,"净利润 -2,176 -1,967 -439 -54 426"),
 ("KC","net_income","FY2026",-54,1,E,"Guoyuan 2025-05-15","CNY","001",60,"净利润 -2,176 -1,967 -439 -54 426"),
 ("KC","net_income","FY2027",426,1,E,"Guoyuan 2025-05-15","CNY","001",60,"净利润 -2,176 -1,967 -439 -54 426"),
 ("KC","ebitda","FY2023",-265,1,A,"","CNY","001",64,"EBITDA -265 639 1,300 1,621 2,046"),
 ("KC","ebitda","FY2024",639,1,A,"","CNY","001",64,"EBITDA -265 639 1,300 1,621 2,046"),
 ("KC","ebitda","FY2025",1300,1,E,"Guoyuan 2025-05-15","CNY","001",64,"EBITDA -265 639 1,300 1,621 2,046"),
 ("KC","ebitda","FY2026",1621,1,E,"Guoyuan 2025-05-15","CNY","001",64,"EBITDA -265 639 1,300 1,621 2,046"),
 ("KC","ebitda","FY2027",2046,1,E,"Guoyuan 2025-05-15","CNY","001",64,"EBITDA -265 639 1,300 1,621 2,046"),
 ("KC","share_price_usd","2025-05-14",13.77,0.01,M,"","USD","001",89,"收盘价(美元) 13.77"),
 ("KC","ads_outstanding","2025-05-14",274,1,M,"","","001",91,"总股本(亿份 ADS) 2.74"),
 ("KC","target_price_usd","2025-05-15",17.60,0.01,E,"Guoyuan 2025-05-15","USD","001",107,"目标价： 17.60 美元"),
 ("KC","ppe","FY2023",2186,1,A,"","CNY","001",327,"物业,厂房及设备 2,186 4,630 3,857 3,340 3,018"),
 ("KC","ppe","FY2024",4630,1,A,"","CNY","001",327,"物业,厂房及设备 2,186 4,630 3,857 3,340 3,018"),
 ("KC","accounts_receivable","FY2023",1530,1,A,"","CNY","001",341,"应收账款 1,530 1,469 1,864 2,255 2,645"),
 ("KC","accounts_receivable","FY2024",1469,1,A,"","CNY","001",341,"应收账款 1,530 1,469 1,864 2,255 2,645"),
 ("KC","total_equity","FY2023",6890,1,A,"","CNY","001",381,"股东权益合计 6,890 5,168 4,955 5,137 5,811"),
 ("KC","total_equity","FY2024",5168,1,A,"","CNY","001",381,"股东权益合计 6,890 5,168 4,955 5,137 5,811"),
 ("KC","cash","FY2023",2255,1,A,"","CNY","001",385,"货币资金 2,255 2,730 2,643 2,742 3,110"),
 ("KC","cash","FY2024",2730,1,A,"","CNY","001",385,"货币资金 2,255 2,730 2,643 2,742 3,110"),
 ("KC","accounts_payable","FY2023",1805,1,A,"","CNY","001",389,"应付账款 1,805 1,877 1,971 2,069 2,173"),
 ("KC","accounts_payable","FY2024",1877,1,A,"","CNY","001",389,"应付账款 1,805 1,877 1,971 2,069 2,173"),
 ("KC","short_term_borrowings","FY2023",1111,1,A,"","CNY","001",393,"贷款 1,111 2,226 2,226 2,226 2,226"),
 ("KC","short_term_borrowings","FY2024",2226,1,A,"","CNY","001",393,"贷款 1,111 2,226 2,226 2,226 2,226"),
 ("KC","long_term_borrowings","FY2023",100,1,A,"","CNY","001",397,"长期贷款 100 1,661 1,661 1,661 1,661"),
 ("KC","long_term_borrowings","FY2024",1661,1,A,"","CNY","001",397,"长期贷款 100 1,661 1,661 1,661 1,661"),
 # Everbright 4Q24 note (English summary)
 ("KC","revenue","4Q24",2232,1,A,"","CNY","002",5,"Q4 2024 revenue reached 2.232 billion RMB"),
 ("KC","gross_profit","4Q24",426,1,A,"","CNY","002",5,"Q4 2024 gross profit was 426 million RMB"),
 ("KC","adj_gross_margin","4Q24",0.192,0.001,A,"","","002",5,"an adjusted gross margin of 19.2%"),
 ("KC","revenue","FY2024",7785,1,A,"","CNY","002",5,"total revenue was 7.785 billion RMB"),
 ("KC","gross_margin","FY2024",0.172,0.001,A,"","","002",5,"a gross margin of 17.2%"),
 ("KC","public_cloud_revenue","4Q24",1410,1,A,"","CNY","002",5,"Public cloud revenue for Q4 2024 was 1.410 billion RMB"),
 ("KC","ai_revenue","4Q24",474,1,A,"","CNY","002",5,"AI-related revenue reaching 474 million RMB"),
 ("KC","industry_cloud_revenue","4Q24",822,1,A,"","CNY","002",5,"Industry cloud revenue for Q4 2024 was 822 million RMB"),
 ("KC","cash","FY2024",2650,10,A,"","CNY","002",5,"cash and cash equivalents of 2.65 billion RMB"),
 # 3Q25 (Everbright overseas, 2025-11-21)
 ("KC","revenue","3Q25",2478,1,A,"","CNY","003",8,"3Q25实现营收24.78亿元"),
 ("KC","revenue_yoy","3Q25",0.314,0.001,A,"","","003",8,"同比增长31.4%"),
 ("KC","adj_ebitda","3Q25",827,1,A,"","CNY","003",8,"经调整EBITDA达8.27亿元"),
 ("KC","adj_ebitda_margin","3Q25",0.334,0.001,A,"","","003",8,"利润率提升至33.4%"),
 ("KC","adj_operating_income","3Q25",15,1,A,"","CNY","003",8,"分别为0.15亿元"),
 ("KC","adj_net_income","3Q25",29,1,A,"","CNY","003",8,"和0.29亿元"),
 ("KC","adj_operating_income","3Q24",-140,10,A,"","CNY","003",8,"去年同期为亏损1.4亿元"),
 ("KC","adj_net_income","3Q24",-240,10,A,"","CNY","003",8,"和2.4亿元"),
 ("KC","public_cloud_revenue","3Q25",1752,1,A,"","CNY","003",8,"3Q25公有云实现收入17.52亿元"),
 ("KC","ai_revenue","3Q25",780,10,A,"","CNY","003",8,"AI账单收入达7.8亿元"),
 ("KC","industry_cloud_revenue","3Q25",726,1,A,"","CNY","003",8,"行业云3Q25营收为7.26亿元"),
 ("KC","revenue","FY2025",9500,100,E,"Everbright 2025-11-21","CNY","003",8,"95亿元"),
 ("KC","revenue","FY2026",11000,100,E,"Everbright 2025-11-21","CNY","003",8,"110亿元"),
 ("KC","revenue","FY2027",12500,100,E,"Everbright 2025-11-21","CNY","003",8,"125亿元"),
 ("KC","adj_net_income","FY2025",-550,10,E,"Everbright 2025-11-21","CNY","003",8,"-5.5亿元"),
 ("KC","adj_net_income","FY2026",-290,10,E,"Everbright 2025-11-21","CNY","003",8,"-2.9亿元"),
 ("KC","adj_net_income","FY2027",-10,10,E,"Everbright 2025-11-21","CNY","003",8,"-0.1亿元"),
 # 3Q25 results article (Wallstreetcn, 2025-11-19)
 ("KC","revenue","3Q25",2478,1,A,"","CNY","003",14,"总收入为24.78亿元人民币"),
 ("KC","adj_net_income","3Q25",28.7,0.01,A,"","CNY","003",14,"经调整净利润为2,870万元人民币"),
 ("KC","adj_net_income","3Q24",-237,1,A,"","CNY","003",14,"去年同期亏损2.37亿元人民币"),
 ("KC","adj_ebitda","3Q25",827,1,A,"","CNY","003",14,"经调整EBITDA为8.27亿元人民币"),
 ("KC","gross_margin","3Q25",0.154,0.001,A,"","","003",14,"毛利率为15.4%"),
 ("KC","cash","3Q25",3955,1,A,"","CNY","003",14,"现金及现金等价物为39.55亿元人民币"),
 ("KC","public_cloud_revenue","3Q25",1752,1,A,"","CNY","003",14,"公有云服务收入为17.52亿元人民币"),
 ("KC","industry_cloud_revenue","3Q25",726,1,A,"","CNY","003",14,"行业云服务收入为7.26亿元人民币"),
 ("KC","ai_revenue","3Q25",782,1,A,"","CNY","003",14,"AI业务账单收入为7.82亿元人民币"),
 ("KC","ai_share_of_public_cloud","3Q25",0.446,0.001,A,"","","003",14,"占公有云服务收入的44.6%"),
 ("KC","ppe","FY2024",4630,10,A,"","CNY","003",14,"物业及设备净额从46.3亿元"),
 ("KC","ppe","3Q25",10330,10,A,"","CNY","003",14,"激增至103.3亿元"),
 ("KC","depreciation_amortization","3Q25",650,1,A,"","CNY","003",14,"折旧及摊销成本为6.50亿元人民币"),
 ("KC","total_borrowings","3Q25",6190,10,A,"","CNY","003",14,"总借款规模达61.9亿元人民币"),
 ("KC","short_term_borrowings","3Q25",3400,10,A,"","CNY","003",14,"短期借款增至34.0亿元"),
 ("KC","long_term_borrowings","3Q25",2790,10,A,"","CNY","003",14,"长期借款增至27.9亿元"),
 ("KC","operating_cash_flow","3Q25",1720,10,A,"","CNY","003",14,"经营活动现金流入17.2亿元人民币"),
 # Zhitong, 2025-11-20
 ("KC","share_price_hkd","2025-11-20",6.21,0.01,M,"","HKD","003",11,"报6.21港元"),
 ("KC","revenue","3Q25",2480,10,A,"","CNY","003",11,"2025年第三季度营收24.8亿元"),
 ("KC","industry_cloud_revenue","3Q25",730,10,A,"","CNY","003",11,"行业云实现收入7.3亿元"),
 # Gelonghui, 2025-08-25 (2Q25)
 ("KC","revenue","2Q25",2350,10,A,"","CNY","003",17,"25Q2实现营业收入23.5亿元"),
 ("KC","adj_net_income","2Q25",-300,100,A,"","CNY","003",17,"调整后净亏损3亿元"),
 ("KC","public_cloud_revenue","2Q25",1630,10,A,"","CNY","003",17,"25Q2公有云服务收入16.3亿元"),
 ("KC","ai_revenue","2Q25",730,10,A,"","CNY","003",17,"其中AI收入7.3亿元"),
 ("KC","industry_cloud_revenue","2Q25",720,10,A,"","CNY","003",17,"行业云服务收入7.2亿元"),
 ("KC","adj_gross_margin","2Q25",0.15,0.01,A,"","","003",17,"25Q2调整后毛利率15%"),
 # Guoyuan HK, 2025-08-21
 ("KC","target_price_usd","2025-08-21",16.80,0.01,E,"Guoyuan 2025-08-21","USD","003",20,"目标价16.80美元"),
 ("KC","share_price_usd","2025-08-21",13.80,0.01,M,"","USD","003",20,"较现价13.80美元"),
 ("KC","revenue_yoy","2Q25",0.242,0.001,A,"","","003",20,"同比增长24.2%"),
 ("KC","public_cloud_revenue_yoy","2Q25",0.317,0.001,A,"","","003",20,"同比增长31.7%"),
 ("KC","adj_ebitda","2Q25",410,10,A,"","CNY","003",20,"至4.1亿元"),
 ("KC","adj_ebitda_margin","2Q25",0.173,0.001,A,"","","003",20,"EBITDA率达17.3%"),
 ("KC","industry_cloud_revenue_yoy","2Q25",0.101,0.001,A,"","","003",20,"同比增长10.1%"),
 ("KC","revenue","FY2025",9425,1,E,"Guoyuan 2025-08-21","CNY","003",20,"9,425百万元"),
 ("KC","revenue","FY2027",13195,1,E,"Guoyuan 2025-08-21","CNY","003",20,"达131.95亿元"),
 ("KC","net_income","FY2027",-80,1,E,"Guoyuan 2025-08-21","CNY","003",20,"2027年-0.80亿元"),
 ("KC","gross_margin","FY2025",0.191,0.001,E,"Guoyuan 2025-08-21","","003",20,"2025年预测的19.1%"),
 # 1Q25 flash, 2025-05-28
 ("KC","revenue","1Q25",1970,10,A,"","CNY","003",23,"第一季度总收入达19.7亿元"),
 ("KC","revenue_yoy","1Q25",0.109,0.001,A,"","","003",23,"同比增长10.9%"),
 ("KC","public_cloud_revenue","1Q25",1354,1,A,"","CNY","003",23,"公有云服务收入为13.54亿元"),
 ("KC","industry_cloud_revenue","1Q25",617,1,A,"","CNY","003",23,"行业云服务收入为6.17亿元"),
 ("KC","adj_gross_profit","1Q25",328,1,A,"","CNY","003",23,"经调整毛利为3.28亿元"),
 ("KC","adj_operating_income","1Q25",-55.8,0.1,A,"","CNY","003",23,"经调整经营亏损为5580万元"),
 ("KC","adj_ebitda","1Q25",319,1,A,"","CNY","003",23,"经调整EBITDA利润达到3.19亿元"),
 ("KC","adj_ebitda_margin","1Q25",0.162,0.001,A,"","","003",23,"经调整EBITDA利润率为16.2%"),
 # Seed 004 (1H25 article)
 ("KC","ai_revenue","2Q25",729,1,A,"","CNY","004",23,"至7.29亿元"),
 ("KC","ai_share_of_public_cloud","2Q25",0.448,0.001,A,"","","004",23,"占公有云服务收入的44.8%"),
 ("KC","net_income","1H25",-770,10,A,"","CNY","004",33,"至7.7亿元"),
 ("KC","ecosystem_revenue","2Q25",630,10,A,"","CNY","004",77,"同比增长69.5%至6.3亿元"),
 # Paratera (seed 003 line 5)
 ("PARATERA","revenue","9M25",734,1,A,"","CNY","003",5,"公司2025年前三季度营收7.34亿元"),
 ("PARATERA","revenue_yoy","9M25",0.70,0.01,A,"","","003",5,"同比增长70%"),
 ("PARATERA","net_income","9M25",8.4,0.01,A,"","CNY","003",5,"归母净利润840万元"),
 ("PARATERA","revenue","FY2024",655,1,A,"","CNY","003",5,"总收入6.55亿元"),
 ("PARATERA","net_income","FY2024",12,0.01,A,"","CNY","003",5,"归母净利润1,200万元"),
 ("PARATERA","gross_margin","FY2023",0.2563,0.0001,A,"","","003",5,"从2023年的25.63%"),
 ("PARATERA","gross_margin","1H25",0.3427,0.0001,A,"","","003",5,"34.27%"),
 # Seed 000 (4Q21 results news, 2022-03)
 ("KC","revenue","4Q21",2660,10,A,"","CNY","000",1,"Q4营收26.6亿元"),
 ("KC","revenue","FY2021",9060,10,A,"","CNY","000",1,"全年营收90.6亿元"),
 ("KC","public_cloud_revenue","4Q21",1530,10,A,"","CNY","000",1,"公有云实现收入15.3亿元"),
 ("KC","industry_cloud_revenue","4Q21",1130,10,A,"","CNY","000",1,"实现收入11.3亿元"),
 ("KC","public_cloud_revenue_yoy","1Q25",0.140,0.001,A,"","","003",23,"同比增长14.0%"),
 ("KC","industry_cloud_revenue_yoy","1Q25",0.048,0.001,A,"","","003",23,"同比增长4.8%"),
 ("KC","public_cloud_revenue_yoy","3Q25",0.491,0.001,A,"","","003",8,"同比增长49.1%"),
 ("KC","industry_cloud_revenue_yoy","3Q25",0.022,0.001,A,"","","003",8,"同比增长2.2%"),
 ("KC","public_cloud_revenue_yoy","3Q25",0.491,0.001,A,"","","003",14,"同比大幅增长49.1%"),
 ("KC","industry_cloud_revenue_yoy","3Q25",0.022,0.001,A,"","","003",14,"同比仅增长2.2%"),
 ("KC","public_cloud_revenue_yoy","2Q25",0.32,0.01,A,"","","003",17,"同比增长32%"),
 ("KC","industry_cloud_revenue_yoy","2Q25",0.10,0.01,A,"","","003",17,"同比增长10%"),
 ("KC","revenue_yoy","2Q25",0.24,0.01,A,"","","003",17,"同比增长24%"),
 ("KC","revenue_yoy","3Q25",0.314,0.001,A,"","","003",14,"同比增长31.4%"),

]
figs = []
bad = 0
for (ent, met, per, val, prec, kind, broker, cur, doc, line, quote) in rows:
    name = D[doc]
    lines = Path("seeds", name).read_text(encoding="utf-8").splitlines()
    if quote not in lines[line - 1]:
        print("QUOTE NOT FOUND", doc, line, quote); bad += 1
    unit = UNIT_OF_MEASURE[METRICS[met].measure]
    figs.append(Figure(ent, met, per, float(val), unit, cur, kind, broker, float(prec), Source(name, line, quote)))
if bad: sys.exit(1)
Path("assumptions/kingsoft_cloud.historicals.csv").write_text(write_figures(figs), encoding="utf-8")
print(len(figs), "figures")
